"""Normalisation: what changes, what never does, and the offset map back to the original."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import MissingDependencyError
from pipeline.readers import Page
from pipeline.text import normalise as normalise_module
from pipeline.text.normalise import normalise

CORPUS = Path(__file__).resolve().parent.parent / "corpora" / "futian-2024079-reply.txt"


# --- the sample's PDF page breaks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("joined", "broken"),
    [
        pytest.param("开放生态，重点面向", "开放生\n\n态，重点面向", id="sheng-tai"),
        pytest.param("今年6月，河套深港科技创新合作区", "今年6月，河套深港科\n\n技创新合作区", id="ke-ji"),
    ],
)
def test_normalise_joins_sample_page_breaks(joined: str, broken: str) -> None:
    original = CORPUS.read_text(encoding="utf-8")
    n = normalise(original)
    assert joined in n.text
    start = n.text.index(joined)
    a, b = n.to_original(start, start + len(joined))
    assert original[a:b] == broken


def test_normalise_sample_keeps_outline_headings_on_their_own_lines() -> None:
    lines = normalise(CORPUS.read_text(encoding="utf-8")).text.split("\n")
    for heading in ("一、打造科创企业总部新高地", "二、构建科技成果应用转化体系", "三、推进金融服务赋能科技创新",
                    "四、营造湾区协同创新新格局"):
        assert any(line.startswith(heading) for line in lines), heading


def test_normalise_title_is_not_joined_to_salutation() -> None:
    # Regression: the title (no closing punctuation) was glued to "尊敬的张立勤委员：".
    text = normalise(CORPUS.read_text(encoding="utf-8")).text
    assert text.lstrip().startswith("关于区政协六届四次会议 2024079 号 提案的回复\n\n尊敬的张立勤委员：")


def test_normalise_sample_drops_no_text_marker() -> None:
    text = normalise(CORPUS.read_text(encoding="utf-8")).text
    assert "本页无正文" not in text
    assert "福田区科技和工业信息化局" in text


# --- line joining -----------------------------------------------------------------------------


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\r\n", "\r\n\r\n"], ids=["lf", "blank", "crlf", "crlf-blank"])
@pytest.mark.parametrize(
    "heading",
    ["二、构建科技成果应用转化体系", "（二）加强组织领导", "(二)加强组织领导", "第二条 为了规范管理", "2.加快推进",
     "# 标题"],
)
def test_normalise_heading_is_never_joined_to_previous_line(gap: str, heading: str) -> None:
    original = f"大力发动科研机构、医疗卫生机构参与{gap}{heading}"
    assert normalise(original).text == original


def test_normalise_joins_wrapped_line_inside_a_sentence() -> None:
    assert normalise("超３０万平\n方米").text == "超30万平方米"


def test_normalise_joins_page_break_with_crlf_and_blank_line() -> None:
    original = "聚焦新能源、生物医药等开放生\r\n\r\n态，重点面向企业。"
    assert normalise(original).text == "聚焦新能源、生物医药等开放生态，重点面向企业。"


def test_normalise_keeps_line_after_sentence_end() -> None:
    assert normalise("引入超6家央企研发中心。\n落地10余家。").text == "引入超6家央企研发中心。\n落地10余家。"


def test_normalise_heading_line_is_not_joined_to_next_line() -> None:
    original = "一、总体要求\n各单位要高度重视，认真落实。"
    assert normalise(original).text == original


def test_normalise_title_is_not_joined_across_blank_line() -> None:
    original = "福田区科技创新工作情况报告\n\n为进一步加强管理，现报告如下。"
    assert normalise(original).text == original


def test_normalise_salutation_is_not_joined_to_title() -> None:
    original = "关于加快推进科技创新的建议的答复\n李委员："
    assert normalise(original).text == original


def test_normalise_joins_full_width_heading_line_that_wraps() -> None:
    lines = [
        "一、打造科创企业总部新高地引导优质创新主体向河套集聚推动产",
        "业发展。聚焦半导体和集成电路、新能源、生物医药等福田重点领",
        "域，引入超6家央企研发中心。",
    ]
    assert normalise("\n".join(lines)).text == "".join(lines)


# A full-width line (34 characters), as in a wrapped PDF paragraph.
_FILL = "会议明确由区财政安排专项资金用于支持科技成果转化并在年内完成全部项目"


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        pytest.param("我局于201", "9年6月3日召开会议。", "我局于2019年6月3日", id="year"),
        pytest.param("安排资金1", "0万元用于转化。", "安排资金10万元", id="money"),
        pytest.param("我局于2019年", "6月3日召开会议。", "2019年6月3日", id="year-month"),
        pytest.param("规模达到2.", "5亿元，占比过半。", "2.5亿元", id="decimal"),
        pytest.param("于二〇一", "九年六月召开会议。", "二〇一九年", id="chinese-numerals"),
    ],
)
def test_normalise_joins_break_inside_a_number_or_date(before: str, after: str, joined: str) -> None:
    # Regression (issue 13): "201\n9年6月3日" became a duration 9年, "1\n0元" money 0.
    first = (_FILL + before)[-len(_FILL) :]
    original = f"{_FILL}，\n{first}\n{after}"
    assert joined in normalise(original).text


@pytest.mark.parametrize(
    "item", ["2.加快推进项目建设。", "2、加快推进项目建设。", "二、加快推进项目建设。", "二是加快推进项目建设。",
             "（二）加快推进项目建设。"],
)
def test_normalise_never_joins_list_items_after_a_number(item: str) -> None:
    first = (_FILL + "共1")[-len(_FILL) :]
    original = f"{_FILL}，\n{first}\n{item}"
    assert f"\n{item}" in normalise(original).text


def test_normalise_keeps_short_line_ending_in_a_number_apart_from_a_date_line() -> None:
    original = f"{_FILL}，{_FILL}。\n联系电话：82918474\n2024年7月1日"
    assert normalise(original).text == original


@pytest.mark.parametrize(
    "greeting",
    ["尊敬的张立勤委员", "张立勤委员：", "网友“A00023583”：您好！针对您反映的问题，现回复如下。",
     "网友：您好！您反映的问题已收悉。", "“UU008913”：首先感谢您的信任。", "市民同志：你好！来信收悉。"],
)
def test_normalise_title_stays_its_own_line_before_a_greeting(greeting: str) -> None:
    # Regression (issue 13): converted files without blank lines glued the title to the greeting.
    original = f"A2区景蓉华苑物业管理有问题\n{greeting}\n衷心感谢您提出的建议，我局非常重视。"
    assert normalise(original).text.split("\n")[:2] == ["A2区景蓉华苑物业管理有问题", greeting]


def test_normalise_greeting_without_colon_stays_apart_from_the_text() -> None:
    original = "尊敬的张立勤委员\n衷心感谢您提出的建议，我局非常重视。"
    assert normalise(original).text == original


# --- page furniture ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    ["(本页无正文)", "（本页无正文）", "— 3 —", "- 3 -", "－３－", "第3页", "第 3 页 共 10 页", "共10页 第3页", "3/10",
     "Page 3 of 10", "  — 12 —  "],
)
def test_normalise_drops_page_furniture_line(furniture: str) -> None:
    original = f"上一段结束。\n{furniture}\n下一段开始。"
    n = normalise(original)
    assert n.text == "上一段结束。\n下一段开始。"
    assert original[n.offsets[n.text.index("下")]] == "下"


@pytest.mark.parametrize("kept", ["共有3/10的企业获得支持。", "详见第3页。", "2024", "3-5家", "-3"])
def test_normalise_keeps_numbers_that_are_not_furniture(kept: str) -> None:
    original = f"上一段结束。\n{kept}\n下一段开始。"
    assert kept in normalise(original).text


def test_normalise_joins_sentence_across_dropped_page_number() -> None:
    original = "聚焦新能源、生物医药等开放生\n\n— 3 —\n\n态，重点面向企业。"
    assert normalise(original).text == "聚焦新能源、生物医药等开放生态，重点面向企业。"


def test_normalise_can_keep_furniture() -> None:
    original = "上一段结束。\n— 3 —\n下一段开始。"
    assert "\n— 3 —" in normalise(original, drop_furniture=False).text


def paged(pages: list[str]) -> tuple[str, list[Page]]:
    spans, pos = [], 0
    for number, page in enumerate(pages, start=1):
        spans.append(Page(number, pos, pos + len(page)))
        pos += len(page) + 1
    return "\n".join(pages), spans


def test_normalise_drops_running_header_and_bare_page_numbers_with_pages() -> None:
    original, pages = paged([
        "深圳市福田区人民政府公报\n一是引入超6家央企研发中心，落地10余家外资研发\n1",
        "深圳市福田区人民政府公报\n中心，规模2亿元。\n2",
        "深圳市福田区人民政府公报\n三是联动深圳飞地。\n3",
    ])
    n = normalise(original, pages=pages)
    assert n.text == "一是引入超6家央企研发中心，落地10余家外资研发中心，规模2亿元。\n三是联动深圳飞地。\n"
    start = n.text.index("规模2亿元")
    a, b = n.to_original(start, start + 5)
    assert original[a:b] == "规模2亿元"


def test_normalise_running_footer_with_changing_page_number_is_dropped() -> None:
    original, pages = paged([
        "一是引入超6家央企研发中心。\n福田区年度报告 第1页",
        "二是落地10余家外资研发中心。\n福田区年度报告 第2页",
    ])
    assert normalise(original, pages=pages).text == "一是引入超6家央企研发中心。\n二是落地10余家外资研发中心。\n"


def test_normalise_keeps_first_line_seen_at_top_of_one_page_only() -> None:
    original, pages = paged([
        "关于区政协提案的回复\n一是引入超6家。",
        "二是落地10余家。\n三是规模2亿元。",
        "四是全心做好企业服务。\n福田区科技和工业信息化局",
    ])
    assert normalise(original, pages=pages).text == original


def test_normalise_keeps_bare_number_inside_a_page() -> None:
    original, pages = paged(["一是引入央企研发中心，数量为\n6\n家。", "二是落地外资研发中心。"])
    assert "6" in normalise(original, pages=pages, join_lines=False).text


# --- character-level steps --------------------------------------------------------------------


def test_normalise_folds_full_width_digits_and_keeps_list_comma() -> None:
    assert normalise("１２％，４０，５００").text == "12%，40，500"


def test_normalise_drops_emphasis_markers() -> None:
    assert normalise("**四是全心做好企业服务。**线下结合").text == "四是全心做好企业服务。线下结合"


def test_normalise_drops_zero_width_characters_and_maps_back() -> None:
    original = "超\u200b６\ufeff家"
    n = normalise(original)
    assert n.text == "超6家"
    assert n.to_original(1, 3) == (2, 5)


def test_normalise_to_original_maps_joined_span() -> None:
    original = "超３０万平\n方米"
    n = normalise(original)
    a, b = n.to_original(1, len(n.text))
    assert original[a:b] == "３０万平\n方米"


def test_normalise_to_original_maps_empty_span() -> None:
    n = normalise("超３０万")
    assert n.to_original(2, 2) == (2, 2)
    assert n.to_original(len(n.text), len(n.text)) == (4, 4)


_ALPHABET = st.sampled_from(
    list("一二三开放生态科技。，、：（）()0123456789０１２３％*_- \n\u3000\u200b\ufeff—第页本无正文")
)


@given(st.text(_ALPHABET, max_size=80))
def test_normalise_offsets_always_point_at_the_source_character(original: str) -> None:
    n = normalise(original)
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(original)
    assert all(a < b for a, b in zip(n.offsets, n.offsets[1:], strict=False))
    for i, ch in enumerate(n.text):
        assert normalise(original[n.offsets[i]], join_lines=False, drop_furniture=False).text == ch


# --- traditional to simplified ----------------------------------------------------------------


@pytest.fixture
def fresh_converter() -> Iterator[None]:
    normalise_module._t2s.cache_clear()
    yield
    normalise_module._t2s.cache_clear()


def test_normalise_to_simplified_converts_character_for_character(fresh_converter: None) -> None:
    pytest.importorskip("opencc")
    original = "開放生態，科技創新發展2億元"
    n = normalise(original, to_simplified=True)
    assert n.text == "开放生态，科技创新发展2亿元"
    assert n.to_original(0, 4) == (0, 4)


def test_normalise_to_simplified_skips_runs_whose_length_changes(
    fresh_converter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stretching:
        def convert(self, run: str) -> str:
            return run.replace("態", "态态").replace("發", "发")

    monkeypatch.setattr(normalise_module, "_t2s", lambda: Stretching())
    assert normalise("生態，發展", to_simplified=True).text == "生態，发展"


def test_normalise_to_simplified_without_opencc_says_how_to_install(
    fresh_converter: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "opencc", None)
    with pytest.raises(MissingDependencyError, match="pip install opencc"):
        normalise("開放", to_simplified=True)


def test_normalise_leaves_text_alone_by_default() -> None:
    assert normalise("開放生態").text == "開放生態"
