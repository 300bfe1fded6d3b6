"""The spaCy pipeline: jieba tokens, dafu's sentences, quantity spans and entities."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

spacy = pytest.importorskip("spacy")

from pipeline.errors import DafuError  # noqa: E402
from pipeline.nlp import QUANTITY_ATTRS, SPANS_KEY, TOKENIZER, JiebaTokenizer, load  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "futian-2024079-reply.txt"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load()


def test_nlp_tokens_reassemble_the_text(nlp: spacy.language.Language) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert "概念验证中心" in [t.text for t in doc]  # the domain dictionary is loaded


def test_nlp_quantity_spans_carry_values(nlp: spacy.language.Language) -> None:
    doc = nlp("与超20家金融机构建立合作机制，贴息支持比例提升至70%。")
    got = [(s.text, s.label_, s._.value, s._.unit, s._.qualifier) for s in doc.spans[SPANS_KEY]]
    assert got == [("超20家", "count", "20", "家", "gt"), ("70%", "percent", "70", "%", "exact")]
    assert doc.spans[SPANS_KEY][1]._.of == "贴息支持比例"


def test_nlp_entities_and_sentences(nlp: spacy.language.Language) -> None:
    doc = nlp("推动香港大学在福田河套设立平台。规模2亿元。")
    assert [(e.text, e.label_) for e in doc.ents] == [("香港大学", "ORG"), ("福田", "LOC"), ("河套", "LOC")]
    assert [s.text for s in doc.sents] == ["推动香港大学在福田河套设立平台。", "规模2亿元。"]


def test_nlp_pipe_two_processes_equals_one(nlp: spacy.language.Language) -> None:
    texts = ["规模2亿元，排名全市第2。", "引入超6家央企研发中心。", "今年6月举办授牌仪式。"] * 2

    def view(docs: list[spacy.tokens.Doc]) -> list[list[tuple[str, str, str | None]]]:
        return [[(s.text, s.label_, s._.value) for s in d.spans[SPANS_KEY]] for d in docs]

    one = view(list(nlp.pipe(texts, n_process=1)))
    two = view(list(nlp.pipe(texts, n_process=2)))
    assert one == two
    assert one[0] == [("2亿元", "money", "200000000"), ("第2", "rank", "2")]


# --- saving and loading ---------------------------------------------------------------------


def view(doc: spacy.tokens.Doc) -> dict[str, Any]:
    """What the pipeline made of a text: tokens, sentences, quantity spans with their values, ents."""
    return {
        "tokens": [t.text for t in doc],
        "sents": [s.text for s in doc.sents],
        "spans": [[s.start_char, s.end_char, s.label_, *(s._.get(a) for a in QUANTITY_ATTRS)]
                  for s in doc.spans[SPANS_KEY]],
        "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
    }


def test_nlp_saved_pipeline_loads_back_the_same(nlp: spacy.language.Language, tmp_path: Path) -> None:
    """Regression: the tokenizer was set by hand, so the saved config named spaCy's own and
    spacy.load failed on the missing tokenizer files."""
    text = SAMPLE.read_text(encoding="utf-8")
    nlp.to_disk(tmp_path / "dafu-nlp")
    loaded = spacy.load(tmp_path / "dafu-nlp")
    assert loaded.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER
    assert isinstance(loaded.tokenizer, JiebaTokenizer)
    assert loaded.pipe_names == ["dafu"]
    expected, got = view(nlp(text)), view(loaded(text))
    assert expected["spans"] and expected["ents"] and len(expected["sents"]) > 5
    assert got == expected


def test_nlp_tokenizer_setting_survives_disk_and_bytes(tmp_path: Path) -> None:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER, "backend": "jieba"}}})
    nlp.to_disk(tmp_path / "jieba-nlp")
    assert json.loads((tmp_path / "jieba-nlp" / "tokenizer" / "cfg").read_text()) == {"backend": "jieba"}
    assert spacy.load(tmp_path / "jieba-nlp").tokenizer.backend == "jieba"
    fresh = JiebaTokenizer(nlp.vocab)
    assert fresh.backend is None
    assert fresh.from_bytes(nlp.tokenizer.to_bytes()).backend == "jieba"


def test_nlp_tokenizer_refuses_an_unknown_backend(nlp: spacy.language.Language) -> None:
    from confection import ConfigValidationError

    with pytest.raises(ConfigValidationError, match="pkuseg"):
        spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER, "backend": "pkuseg"}}})
    tampered = spacy.util.to_bytes({"cfg": lambda: b'{"backend": "pkuseg"}'}, [])
    with pytest.raises(DafuError, match="unknown segmentation backend 'pkuseg'"):
        JiebaTokenizer(nlp.vocab).from_bytes(tampered)


def test_nlp_component_declares_what_it_assigns(nlp: spacy.language.Language) -> None:
    assigns = nlp.get_pipe_meta("dafu").assigns
    assert {"doc.ents", "doc.spans", "token.is_sent_start"} <= set(assigns)
    assert {f"span._.{a}" for a in QUANTITY_ATTRS} <= set(assigns)
    assert nlp.analyze_pipes(pretty=False)["problems"] == {"dafu": []}


def test_nlp_saved_pipeline_loads_in_a_fresh_process_by_entry_points(nlp: spacy.language.Language,
                                                                     tmp_path: Path) -> None:
    """``spacy.load`` in a process that never imported pipeline finds dafu's tokenizer and
    component through the entry points pyproject.toml declares. They are put on the path as
    an installed dafu would advertise them, so the test does not depend on when the venv's
    own install was last refreshed."""
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    dist = tmp_path / "site" / "dafu_entry_points-0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: dafu-entry-points\nVersion: 0\n")
    (dist / "entry_points.txt").write_text("".join(
        f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in names.items())
        for group, names in entry_points.items()))
    text = "推动香港大学在福田河套设立平台。与超20家金融机构建立合作机制，贴息支持比例提升至70%。"
    nlp.to_disk(tmp_path / "dafu-nlp")
    script = (
        "import json, sys, spacy\n"
        "assert not any(m == 'pipeline' or m.startswith('pipeline.') for m in sys.modules)\n"
        "nlp = spacy.load(sys.argv[1])\n"
        "from test_nlp import view\n"  # after the load: this module imports pipeline
        "print(json.dumps(view(nlp(sys.argv[2]))))\n"
    )
    path = [str(ROOT), str(ROOT / "tests"), str(tmp_path / "site")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "dafu-nlp"), text], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == view(nlp(text))
