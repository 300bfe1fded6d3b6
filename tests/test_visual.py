"""displaCy views: quantities and entities highlighted, overlaps kept, line breaks kept, text escaped."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import pipeline
from pipeline.visual import COLORS, Mark, Markup, marks_of, render, render_marks

TEXT = "与超20家金融机构建立合作机制，\n贴息支持比例提升至70%。"


def _labels(markup: str) -> list[str]:
    """The labels displaCy's span style draws, in order."""
    soup = BeautifulSoup(markup, "html.parser")
    return [s.text.strip() for s in soup.select("span[style*='z-index: 10']")]


def test_visual_render_of_a_text_highlights_its_quantities() -> None:
    html = render(TEXT)
    assert isinstance(html, Markup) and html._repr_html_() == str(html)
    assert _labels(html) == ["count", "percent"]
    assert COLORS["count"] in html and COLORS["percent"] in html


def test_visual_span_style_adds_no_spaces_and_keeps_lines() -> None:
    soup = BeautifulSoup(render(TEXT), "html.parser")
    lines = soup.select("div.spans")
    assert len(lines) == 2  # one per line of the text
    got = ["".join(t for t in line.find_all(string=True) if t.parent.get("style", "").find("z-index") < 0)
           for line in lines]
    assert got == ["与超20家金融机构建立合作机制，", "贴息支持比例提升至70%。"]  # no space added around a span


def test_visual_overlapping_marks_are_stacked_in_span_style() -> None:
    text = "福田区科技和工业信息化局"
    html = render_marks(text, [Mark(0, 12, "GOV"), Mark(0, 2, "LOC")])
    assert sorted(_labels(html)) == ["GOV", "LOC"]
    assert "top: 57px" in html  # the second span drawn on a second line (top_offset 40 + step 17)


def test_visual_ent_style_drops_entities_that_overlap_a_quantity() -> None:
    text = "福田区投入2亿元"
    marks = [Mark(5, 8, "money"), Mark(0, 3, "LOC"), Mark(4, 8, "ORG")]
    soup = BeautifulSoup(render_marks(text, marks, "ent"), "html.parser")
    assert [m.find("span").text.strip() for m in soup.select("mark")] == ["LOC", "money"]


def test_visual_escapes_the_text() -> None:
    text = '<script>alert("x")</script>规模2亿元'
    for style in ("span", "ent"):
        html = render(text, style)  # type: ignore[arg-type]
        assert "<script>" not in html
        assert '<script>alert("x")</script>' in BeautifulSoup(html, "html.parser").get_text()


def test_visual_marks_use_offsets_shifted_by_the_offset() -> None:
    # a sentence starting at 100 in its document: marks are document offsets
    html = render_marks("规模2亿元。", [Mark(102, 105, "money"), Mark(90, 95, "LOC")], offset=100)
    assert _labels(html) == ["money"]


def test_visual_document_and_spacy_doc_give_the_same_marks() -> None:
    pytest.importorskip("spacy")
    document = pipeline.extract(TEXT)
    text, from_record = marks_of(document)
    spacy_text, from_spacy = marks_of(pipeline.load()(TEXT))
    assert text == spacy_text == TEXT
    assert sorted(from_record) == sorted(from_spacy)
    assert Mark(1, 5, "count") in from_record


def test_visual_rejects_what_it_cannot_draw() -> None:
    with pytest.raises(TypeError, match="cannot render a int"):
        render(42)
    with pytest.raises(ValueError, match="style 'dep'"):
        render_marks("规模2亿元", [], "dep")  # type: ignore[arg-type]


def test_visual_a_text_holding_the_glue_marker_keeps_its_offsets() -> None:
    # the invisible separator used to remove displaCy's spaces must not shift or break anything
    text = "甲\u2063 乙规模2亿元"
    for style in ("span", "ent"):
        html = render_marks(text, [Mark(6, 9, "money")], style)  # type: ignore[arg-type]
        soup = BeautifulSoup(html, "html.parser")
        marked = soup.select_one("mark") if style == "ent" else soup.select_one("span[style*='inline-block']")
        assert marked is not None and next(marked.stripped_strings) == "2亿元"
        assert "乙规模" in soup.get_text()
