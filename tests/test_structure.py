"""Document structure: header metadata, outline, paragraphs and sentences."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from pipeline.records import Paragraph, Section, Structure
from pipeline.resources import read_toml
from pipeline.structure import parse, parse_date
from pipeline.structure.lexicon import StructureLexicon
from pipeline.text.normalise import normalise
from pipeline.text.numerals import small_number

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "corpora" / "futian-2024079-reply.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "futian-2024079-reply.document.json"
SHARED = ROOT / ".." / "shared"
REPLIES = SHARED / "corpora-external" / "tipdm2020-gov-replies" / "replies.jsonl"
REPORTS = SHARED / "corpora-external" / "lawtext-gov-work-reports" / "gov_work_reports.jsonl"

META_FIELDS = (
    "title", "doc_kind", "body", "session", "proposal_no", "addressee", "addressee_role",
    "proposal_title", "agency", "date", "contact_unit", "contact_person", "contact_phone",
    "reply_category", "cc",
)

PROPOSAL_REPLY = """深福发改函〔2024〕88号

答复类别：A类

关于区政协六届四次会议第2024101号提案的答复

尊敬的李明、王芳委员：

您提出的《关于加快建设低空经济产业园的提案》收悉，现答复如下：

一、基本情况
（一）产业基础。我区已落地企业１２家。
（二）存在问题。
1．空域资源有限；
2．配套设施不足。

二、下一步工作
一是完善规划。二是强化服务。

福田区发展和改革局
2024年6月3日

（联系人：陈晓，联系电话：0755-82918000）
抄送：区政协提案委，区政府督查室
"""

SUGGESTION_REPLY = """关于市七届人大三次会议第20160045号建议的答复

王建国代表：

您提出的关于加快老旧小区加装电梯的建议收悉，现答复如下：

一、已开展的工作。今年以来，我局共完成加装电梯120台。
二、下一步计划。我局将进一步简化审批流程。

感谢您对住房和建设工作的关心和支持。

深圳市住房和建设局
二○一六年十一月八日
"""

CITIZEN_REPLY = (
    "网友“UU0081234”\u3000\u3000您好！您的留言已收悉。现将有关情况回复如下：\u3000\u3000经调查，"
    "该路段已列入今年改造计划，预计2019年10月完工。\u3000\u3000感谢您对我们工作的支持、理解与监督！"
    "\u3000\u30002019年5月9日"
)


def structure_of(text: str) -> Structure:
    return parse(normalise(text))


def outline(s: Structure) -> list[Section]:
    """The outline's sections, without the header and closing."""
    return [x for x in s.sections if x.kind == "outline"]


def body(s: Structure) -> list[Paragraph]:
    """The body's paragraphs, without the header's and closing's lines."""
    return [p for p in s.paragraphs if p.parent_id not in ("header", "closing")]


@pytest.fixture(scope="module")
def sample() -> tuple[str, Structure]:
    original = SAMPLE.read_text(encoding="utf-8")
    return original, structure_of(original)


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def test_structure_sample_meta_matches_fixture(sample: tuple[str, Structure], gold: dict[str, Any]) -> None:
    meta = sample[1].meta.model_dump(mode="json")
    expected = {field: gold.get(field) for field in META_FIELDS}
    assert {field: meta[field] for field in META_FIELDS} == expected
    # the fields a file adds are unset when parsing a bare text
    assert {meta[f] for f in ("doc_id", "source_path", "format", "encoding")} == {None}


def test_structure_sample_sections_match_fixture(sample: tuple[str, Structure], gold: dict[str, Any]) -> None:
    sections = outline(sample[1])
    top = [s for s in sections if s.level == 1]
    found = [
        {"no": s.number, "heading": s.heading, "items": sum(1 for c in sections if c.parent_id == s.id)}
        for s in top
    ]
    assert found == gold["sections"]


def test_structure_sample_items_inside_bold_and_mid_paragraph(sample: tuple[str, Structure]) -> None:
    original, s = sample
    item = next(x for x in s.sections if x.id == "s1.2")
    assert original[item.start - 2 : item.start + 2] == "**二是"
    holder = next(p for p in s.paragraphs if p.start <= item.start < p.end)
    assert holder.start < item.start  # the item starts inside a paragraph
    assert item.heading == "打造集聚全球一流创新资源的科技合作平台。"


def test_structure_sample_closing_lines_are_not_body_paragraphs(sample: tuple[str, Structure]) -> None:
    texts = [p.text for p in body(sample[1])]
    assert not any("本页无正文" in t or t == "2024年9月12日" or "联系人" in t for t in texts)
    assert texts[-1].startswith("三是联动深圳飞地")


def test_structure_sample_closing_lines_are_sentences_of_the_closing(sample: tuple[str, Structure]) -> None:
    original, s = sample
    closing = s.sections[-1]
    assert (closing.id, closing.kind, closing.marker) == ("closing", "closing", None)
    lines = [t for t in s.sentences if t.section_id == "closing"]
    assert [t.text for t in lines] == ["福田区科技和工业信息化局", "2024年9月12日",
                                       "(联系人： 集群发展科，联系电话： 82918474)"]
    assert [t.id for t in lines] == ["ct1", "ct2", "ct3"]
    assert closing.start == lines[0].start and closing.end == lines[-1].end == len(original.rstrip())


def test_structure_sample_title_and_salutation_are_sentences_of_the_header(sample: tuple[str, Structure]) -> None:
    s = sample[1]
    assert (s.sections[0].id, s.sections[0].kind) == ("header", "header")
    assert [(t.id, t.parent_id, t.text) for t in s.sentences if t.section_id == "header"] == [
        ("ht1", "hp1", "关于区政协六届四次会议 2024079 号 提案的回复"), ("ht2", "hp2", "尊敬的张立勤委员："),
    ]
    assert s.sentences[2].id == "t1"  # the body's ids do not depend on the header


def test_structure_offsets_index_the_original(sample: tuple[str, Structure]) -> None:
    original, s = sample
    for record in [*s.paragraphs, *s.sentences]:
        assert original[record.start : record.end] == record.text
    for section in outline(s):
        assert original[section.start : section.end].lstrip("*").startswith(section.marker or "?")


def test_structure_sentences_never_cross_paragraphs(sample: tuple[str, Structure]) -> None:
    _, s = sample
    paragraphs = {p.id: p for p in s.paragraphs}
    for sentence in s.sentences:
        holder = paragraphs[sentence.parent_id]
        assert holder.start <= sentence.start < sentence.end <= holder.end


def test_structure_sentences_cover_each_paragraph(sample: tuple[str, Structure]) -> None:
    original, s = sample
    for paragraph in s.paragraphs:
        pieces = [t for t in s.sentences if t.parent_id == paragraph.id]
        assert (pieces[0].start, pieces[-1].end) == (paragraph.start, paragraph.end)
        for before, after in itertools.pairwise(pieces):
            assert original[before.end : after.start].strip(" *\n") == ""  # spaces or markup only


def test_structure_sentence_split_keeps_quotes_whole() -> None:
    s = structure_of("通告规定：“禁止燃放。违者处罚！”此后严格执行；请周知。")
    assert [t.text for t in s.sentences] == ["通告规定：“禁止燃放。违者处罚！”", "此后严格执行；", "请周知。"]


def test_structure_sentence_starts_at_inline_item() -> None:
    s = structure_of("一、总体情况\n主要做了以下工作：一是完善规划；二是强化服务。")
    assert [t.text for t in s.sentences][1:] == ["主要做了以下工作：", "一是完善规划；", "二是强化服务。"]
    assert [t.section_id for t in s.sentences][1:] == ["s1", "s1.1", "s1.2"]


def test_structure_no_heading_inside_a_quotation() -> None:
    s = structure_of("通告规定：“一、禁止生产；二、禁止销售。”现回复如下。")
    assert s.sections == []


def test_structure_no_heading_inside_a_quotation_over_paragraphs() -> None:
    s = structure_of("通告规定如下：“\n一、禁止生产孔明灯。\n二、禁止销售孔明灯。”\n感谢您的支持。")
    assert s.sections == []


def test_structure_proposal_reply_meta() -> None:
    meta = structure_of(PROPOSAL_REPLY).meta
    assert meta.model_dump(include=set(META_FIELDS)) == {
        "title": "关于区政协六届四次会议第2024101号提案的答复",
        "doc_kind": "提案答复",
        "body": "区政协",
        "session": "六届四次会议",
        "proposal_no": "2024101",
        "addressee": "李明、王芳",
        "addressee_role": "委员",
        "proposal_title": "关于加快建设低空经济产业园的提案",  # the quoted title whole (gold/README)
        "agency": "福田区发展和改革局",
        "date": dt.date(2024, 6, 3),
        "contact_unit": None,
        "contact_person": "陈晓",
        "contact_phone": "075582918000",  # digits only
        "reply_category": "A",
        "cc": "区政协提案委，区政府督查室",
    }


def test_structure_nested_outline_levels() -> None:
    s = structure_of(PROPOSAL_REPLY)
    assert [(x.id, x.level, x.number, x.style) for x in outline(s)] == [
        ("s1", 1, "一", "cn"),
        ("s1.1", 2, "一", "cn_paren"),
        ("s1.2", 2, "二", "cn_paren"),
        ("s1.2.1", 3, "1", "num"),
        ("s1.2.2", 3, "2", "num"),
        ("s2", 1, "二", "cn"),
        ("s2.1", 2, "一", "cn_shi"),
        ("s2.2", 2, "二", "cn_shi"),
    ]
    assert [x.parent_id for x in outline(s)] == [None, "s1", "s1", "s1.2", "s1.2", None, "s2", "s2"]
    assert [(x.id, x.kind) for x in (s.sections[0], s.sections[-1])] == [("header", "header"), ("closing", "closing")]


def test_structure_header_lines_are_not_body_paragraphs() -> None:
    s = structure_of(PROPOSAL_REPLY)
    assert body(s)[0].text.startswith("您提出的《关于加快建设")
    assert body(s)[-1].text == "一是完善规划。二是强化服务。"


def test_structure_proposal_reply_header_and_closing_lines_are_sentences() -> None:
    s = structure_of(PROPOSAL_REPLY)
    header = [t.text for t in s.sentences if t.section_id == "header"]
    assert header == ["深福发改函〔2024〕88号", "答复类别：A类", "关于区政协六届四次会议第2024101号提案的答复",
                      "尊敬的李明、王芳委员："]
    closing = [(t.id, t.parent_id, t.text) for t in s.sentences if t.section_id == "closing"]
    assert closing == [
        ("ct1", "cp1", "福田区发展和改革局"), ("ct2", "cp2", "2024年6月3日"),
        ("ct3", "cp3", "（联系人：陈晓，联系电话：0755-82918000）"), ("ct4", "cp4", "抄送：区政协提案委，区政府督查室"),
    ]
    assert [p.parent_id for p in s.paragraphs if p.id.startswith("cp")] == ["closing"] * 4


def test_structure_suggestion_reply_meta() -> None:
    meta = structure_of(SUGGESTION_REPLY).meta
    assert (meta.doc_kind, meta.addressee, meta.addressee_role) == ("建议答复", "王建国", "代表")
    assert (meta.body, meta.session, meta.proposal_no) == ("市人大", "七届三次会议", "20160045")
    assert meta.proposal_title == "关于加快老旧小区加装电梯的建议"  # the phrase whole when unquoted
    assert (meta.agency, meta.date) == ("深圳市住房和建设局", dt.date(2016, 11, 8))


def test_structure_citizen_reply_meta() -> None:
    meta = structure_of(CITIZEN_REPLY).meta
    assert (meta.doc_kind, meta.addressee, meta.addressee_role) == ("留言答复", "UU0081234", "网友")
    assert meta.date == dt.date(2019, 5, 9)
    assert (meta.title, meta.agency, meta.proposal_title, meta.contact_phone) == (None, None, None, None)


def test_structure_citizen_reply_paragraphs_from_indents() -> None:
    s = structure_of(CITIZEN_REPLY)
    assert [p.text for p in body(s)] == [
        "您好！您的留言已收悉。现将有关情况回复如下：",
        "经调查，该路段已列入今年改造计划，预计2019年10月完工。",
        "感谢您对我们工作的支持、理解与监督！",
    ]


def test_structure_inline_signature_is_peeled() -> None:
    s = structure_of("网友：您好！已安排维修。感谢您的支持！ A7县交通运输局 2014年5月19日")
    assert (s.meta.agency, s.meta.date, s.meta.addressee, s.meta.addressee_role) == (
        "A7县交通运输局", dt.date(2014, 5, 19), None, "网友"
    )
    assert body(s)[-1].text == "网友：您好！已安排维修。感谢您的支持！"
    closing = [(t.id, t.text) for t in s.sentences if t.section_id == "closing"]
    assert closing == [("ct1", "A7县交通运输局 2014年5月19日")]


def test_structure_handle_alone_addresses_a_netizen() -> None:
    meta = structure_of("“UU008913”：您好！您反映的问题已收悉。").meta
    assert (meta.addressee, meta.addressee_role, meta.doc_kind) == ("UU008913", "网友", "留言答复")


def test_structure_date_inside_a_sentence_is_no_signature() -> None:
    s = structure_of("您好！该项目已完工，验收截至2019年5月9日")
    assert s.meta.date is None
    assert s.paragraphs[-1].text.endswith("截至2019年5月9日")


def test_structure_sentence_ending_in_an_agency_word_is_no_signature() -> None:
    assert structure_of("您好！详情请咨询县教育局").meta.agency is None


def test_structure_unstated_fields_are_none() -> None:
    s = structure_of("上海市市长 龚 正\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作。")
    assert s.meta.model_dump(include=set(META_FIELDS) - {"doc_kind"}) == dict.fromkeys(set(META_FIELDS) - {"doc_kind"})
    assert s.meta.doc_kind == "other"
    assert [p.text for p in body(s)] == ["现在，我代表市人民政府，向大会报告工作。"]


def test_structure_decimal_like_item_continues_a_list() -> None:
    s = structure_of("一、名词解释\n7.两新：设备更新。\n8.6个重大专项：略。\n9.科创通：略。")
    assert [x.marker for x in outline(s)] == ["一、", "7.", "8.", "9."]
    assert outline(structure_of("一、情况\n8.6亿元已拨付。"))[1:] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二○一六年十一月八日", dt.date(2016, 11, 8)),
        ("二〇一三年十二月三十日", dt.date(2013, 12, 30)),
        ("二0一八年一月二十三日", dt.date(2018, 1, 23)),
        ("二O一三年十一月六日", dt.date(2013, 11, 6)),
        ("二〇二四年元月廿八日", dt.date(2024, 1, 28)),
        ("2024年9月12日", dt.date(2024, 9, 12)),
        ("2018年10月30", dt.date(2018, 10, 30)),
        ("2019.9.25", dt.date(2019, 9, 25)),
        ("2014-1-2", dt.date(2014, 1, 2)),
        ("2019年2月30日", None),
        ("2019年5月", None),
        ("截至2019年5月9日", None),
    ],
)
def test_structure_signature_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_structure_chinese_numeral_signature_date_in_document() -> None:
    meta = structure_of("您好！此复。\n\nA8县交通运输局二〇一四年一月十六日").meta
    assert (meta.agency, meta.date) == ("A8县交通运输局", dt.date(2014, 1, 16))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("廿三", 23), ("12", 12),
     ("二三", None), ("十十", None), ("", None)],
)
def test_structure_small_number_reads_outline_and_day_numbers(text: str, expected: int | None) -> None:
    assert small_number(text) == expected


def test_structure_offsets_survive_normalisation() -> None:
    original = "尊敬的张委员：\n一、**加快建设**，引进１２家企业。\n深圳市科技\n创新局来函收悉。"
    s = structure_of(original)
    for record in [*s.paragraphs, *s.sentences]:
        assert original[record.start : record.end] == record.text
    assert outline(s)[0].heading == "加快建设，引进12家企业。"


def test_structure_lexicon_rejects_a_bad_outline_order() -> None:
    data = read_toml("structure.toml")
    data["outline"]["order"] = ["cn", "cn", "num", "num_paren", "circled", "cn_shi"]
    with pytest.raises(ValidationError, match="each of"):
        StructureLexicon.model_validate(data)


def test_structure_lexicon_rejects_a_bad_month() -> None:
    data = read_toml("structure.toml")
    data["numerals"]["months"]["元"] = 13
    with pytest.raises(ValidationError, match="1–12"):
        StructureLexicon.model_validate(data)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        pytest.skip(f"{path} absent (../shared is not part of a user's clone)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_structure_tipdm_replies_parse_with_signature_and_role() -> None:
    records = _jsonl(REPLIES)
    dated = read = netizen = 0
    for rec in records:
        original = rec["text"]
        s = structure_of(original)
        assert all(original[t.start : t.end] == t.text for t in s.sentences), rec["id"]
        ends_in_date = parse_date(original.rstrip()[-11:].lstrip("：:，。！ \u3000\xa0")) is not None
        dated += ends_in_date
        read += ends_in_date and s.meta.date is not None
        netizen += s.meta.addressee_role == "网友"
    assert read / dated >= 0.97  # a date ending the text is read as the signature
    assert netizen / len(records) >= 0.85  # the rest state no addressee (您的留言已收悉…)


def test_structure_work_reports_nest() -> None:
    for rec in _jsonl(REPORTS):
        s = structure_of(rec["text"])
        by_id = {x.id: x for x in s.sections}
        for x in s.sections:
            parent = by_id.get(x.parent_id or "")
            assert x.level == (parent.level + 1 if parent else 1), (rec["id"], x.id)
            assert parent is None or parent.start <= x.start < x.end <= parent.end, (rec["id"], x.id)
