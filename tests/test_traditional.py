"""The traditional-character table (resources/traditional.toml) and its reading."""

from __future__ import annotations

import pytest

from pipeline.errors import ResourceError
from pipeline.text.numerals import LEX
from pipeline.text.traditional import TO_SIMPLIFIED, TraditionalLexicon, fold, simplify_chars


def test_traditional_pairs_are_what_opencc_simplifies() -> None:
    opencc = pytest.importorskip("opencc")
    t2s = opencc.OpenCC("t2s")
    wrong = {t: s for t, s in TO_SIMPLIFIED.items() if t2s.convert(t) != s}
    assert wrong == {}


def test_traditional_leaves_numerals_to_the_numeral_lexicon() -> None:
    numerals = {*LEX.digits, *LEX.small_units, *LEX.large_units}
    assert numerals.isdisjoint(TO_SIMPLIFIED)


def test_traditional_keeps_length_and_simplified_text() -> None:
    assert simplify_chars("約1萬多畝，208個") == "约1萬多亩，208个"
    plain = "约1万多亩，208个"
    assert simplify_chars(plain) is plain  # nothing to map: the text itself, no copy


def test_traditional_table_rejects_a_bad_pair() -> None:
    with pytest.raises(ValueError, match="not a traditional character"):
        TraditionalLexicon(pairs=["個"])
    with pytest.raises(ValueError, match="also listed as traditional"):
        TraditionalLexicon(pairs=["個个", "个丫"])


def test_traditional_resource_error_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import resources

    monkeypatch.setattr(resources, "read_toml", lambda name: {"pairs": ["個"]})
    with pytest.raises(ResourceError, match=r"traditional\.toml"):
        resources._load.__wrapped__("traditional.toml", TraditionalLexicon)


def test_traditional_variants_fold_for_structure_only() -> None:
    # 覆 is simplified text too (覆盖): the structure view reads 答覆 as 答复, the finders keep it
    assert fold("答覆如下").text == "答复如下"
    assert simplify_chars("覆盖率") == "覆盖率"
    # one table for both readers: every pair the finders read, the structure view reads too
    assert fold("".join(TO_SIMPLIFIED)).text == "".join(TO_SIMPLIFIED.values())


def test_traditional_table_rejects_a_variant_listed_as_a_pair() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        TraditionalLexicon(pairs=["覆复"], variants=["覆复"])
