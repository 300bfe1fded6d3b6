"""Reply pages as the web prints them (issue 15): navigation and info tables before the
reply, site footers after it, traditional script, salutations without a colon. Texts are
built from each phenomenon, not copied from any page."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.structure import parse
from pipeline.text.normalise import normalise
from pipeline.text.traditional import fold

NAV = "首页 > 信息公开 > 建议提案\n"
FOOTER = "\n上一篇：第12号 关于修路的建议\n主办单位：某县人民政府办公室\n联系电话：0000-1234567\nICP备案：备00000000号"


def meta(text: str):  # type: ignore[no-untyped-def]
    return parse(normalise(text)).meta


def test_structure_pages_closing_read_past_footer_and_chrome() -> None:
    text = (NAV + "某县水利局关于县九届人大二次会议第8号建议的答复\n张三代表：\n您提出的关于修渠的建议收悉。"
            "我局已安排资金。\n某县水利局\n2021年5月6日\n审核人：李四\n联系人及电话：王五 13800000000\n"
            "抄送：县人大常委会" + FOOTER)
    m = meta(text)
    assert (m.agency, m.date, m.date_source) == ("某县水利局", dt.date(2021, 5, 6), "signature")
    assert (m.contact_person, m.contact_phone, m.cc) == ("王五", "13800000000", "县人大常委会")


def test_structure_pages_traditional_labels_keep_values_as_written() -> None:
    text = ("李某某等委員：\n你們提出的關于加強管理的提案收悉。現答復如下：\n已辦理。\n某縣水務局\n2019年6月2日\n"
            "聯系人：張某 聯系電話：0878—6000000")
    m = meta(text)
    assert (m.addressee, m.addressee_role, m.doc_kind) == ("李某某", "委员", "提案答复")
    assert (m.agency, m.contact_person, m.contact_phone) == ("某縣水務局", "張某", "08786000000")
    assert m.proposal_title == "關于加強管理的提案"


def test_structure_pages_title_skips_navigation_and_joins_a_wrapped_block() -> None:
    text = (NAV + "• 发布日期\n• 2020-03-04\n某市交通局\n关于市五届人大三次会议\n第21号建议的答复\n"
            "赵六代表：\n您提出的《关于修建公路的建议》收悉。正在办理。")
    m = meta(text)
    assert m.title == "某市交通局关于市五届人大三次会议第21号建议的答复"
    assert (m.body, m.session, m.proposal_no) == ("市人大", "五届三次会议", "21")
    assert (m.proposal_title, m.agency) == ("关于修建公路的建议", "某市交通局")
    assert (m.date, m.date_source) == (dt.date(2020, 3, 4), "page")


@pytest.mark.parametrize(("greeting", "addressee"), [
    ("陈某某代表", "陈某某"),  # no colon
    ("姜某(等10位)代表：", "姜某"),
    ("路某某等5位代表：", "路某某"),
    ("马某、周某等代表：", "马某、周某"),
])
def test_structure_pages_salutation_forms(greeting: str, addressee: str) -> None:
    m = meta(f"关于县十届人大一次会议第3号建议的答复\n{greeting}\n您提出的建议收悉。正在办理。")
    assert (m.addressee, m.addressee_role, m.doc_kind) == (addressee, "代表", "建议答复")


@pytest.mark.parametrize(("line", "category"), [
    ("某政办字〔2021〕10号C类", "C"), ("[2016]某政复函 3号(A类)", "A"), ("类别：B", "B"),
    ("类别：提案", None),  # a page category, no handling category
])
def test_structure_pages_reply_category_where_printed(line: str, category: str | None) -> None:
    m = meta(f"{line}\n关于县十届人大一次会议第3号建议的答复\n王某代表：\n您提出的建议收悉。正在办理。")
    assert m.reply_category == category


def test_structure_pages_garbled_signature_date() -> None:
    m = meta("王某代表：\n您提出的建议收悉。正在办理。\n某县教育局\n2023630日")
    assert (m.date, m.agency) == (dt.date(2023, 6, 30), "某县教育局")


def test_structure_pages_sentence_with_chrome_word_is_body() -> None:
    m = meta("网友“UU001”您好！执法人员责令其关闭废品店。感谢您的监督！2018年4月26日")
    assert m.date == dt.date(2018, 4, 26)


def test_structure_pages_fold_maps_back_to_the_text_as_written() -> None:
    view = fold("八屆一次會(huì)議")
    assert view.text == "八届一次会议"
    assert view.find("八届一次会议") == "八屆一次會(huì)議"
