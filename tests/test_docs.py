"""The README's generated parts stay in step with the code and data they describe."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.quantities.hedges import policy_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_docs_hedge_policy_table_matches_lexicon() -> None:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- hedges:start -->\n(.*?)\n<!-- hedges:end -->", text, re.S)
    assert m is not None, "README lost its hedge policy markers"
    assert m.group(1).strip() == policy_markdown().strip()


def test_docs_hedge_policy_lists_every_word() -> None:
    from pipeline.quantities.lexicon import HEDGES

    table = policy_markdown()
    for section in ("prefix", "inner", "suffix", "context_before", "context_after", "measure_after"):
        for word in getattr(HEDGES, section):
            assert f" {word} " in table or f" {word} |" in table or f"| {word} " in table, word


def test_docs_table_reference_matches_models() -> None:
    from pipeline.schema import table_reference_markdown

    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- tables:start -->\n(.*?)<!-- tables:end -->", text, re.S)
    assert m is not None, "README lost its table reference markers"
    assert m.group(1) == table_reference_markdown()
