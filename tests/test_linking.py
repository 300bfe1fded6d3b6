"""Linking: ``of``, ``predicate``, ``change`` and rank ``scope`` on each quantity."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import pipeline
from pipeline.linking import link, link_and_judge
from pipeline.linking.lexicon import LINKING, LinkingLexicon
from pipeline.linking.phrases import read_after, tidy, window
from pipeline.linking.status import by_sentence, judge
from pipeline.records import Quantity
from pipeline.resources import read_toml
from pipeline.text.regex import trie_alternation as alternation


def _linked(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.of) for q in pipeline.extract(text, ref_date="2024-09-12").quantities]


def _only(text: str) -> Quantity:
    doc = pipeline.extract(text, ref_date="2024-09-12")
    assert len(doc.quantities) == 1, [q.text for q in doc.quantities]
    return doc.quantities[0]


def test_linking_count_takes_the_noun_after_its_classifier() -> None:
    q = _only("聚焦重点产业，引入超6家央企研发中心。")
    assert (q.of, q.predicate) == ("央企研发中心", "引入")


def test_linking_count_after_deng_skips_the_listed_names() -> None:
    assert _linked("推动香港大学、香港中文大学等5所国际知名高校落户。") == [("5所", "国际知名高校")]


def test_linking_measure_takes_the_object_after_the_verb() -> None:
    assert _only("提供空间超30万平方米。").of == "空间"


def test_linking_without_an_object_takes_the_subject() -> None:
    q = _only("粮食总产量达到820.1亿斤。")
    assert (q.of, q.predicate, q.change) == ("粮食总产量", "达到", "target")


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("地区生产总值增长6%。", "increase"),
        ("税收收入提高3%。", "increase"),
        ("单位GDP能耗下降3%。", "decrease"),
        ("煤炭消费减少5%。", "decrease"),
        ("贴息支持比例提升至70%。", "target"),
        ("城镇化率达到55.49%。", "target"),
        ("办结率为100%。", None),
    ],
)
def test_linking_change_follows_the_verb(text: str, change: str | None) -> None:
    assert _only(text).change == change


def test_linking_target_marker_sets_target_without_a_direction() -> None:
    q = _only("力争完成投资700亿元。")
    assert (q.of, q.change) == ("投资", "target")


def test_linking_coordinated_number_inherits_subject_and_verb_direction() -> None:
    doc = pipeline.extract("PM2.5浓度下降19.4%、14.9%。")
    assert [(q.of, q.change) for q in doc.quantities] == [("PM2.5浓度", "decrease")] * 2


def test_linking_fenbie_gives_each_number_its_own_name() -> None:
    assert _linked("供水、水库蓄水分别增加2.34亿立方米、13.88亿立方米。") == [
        ("2.34亿立方米", "供水"),
        ("13.88亿立方米", "水库蓄水"),
    ]


def test_linking_fenbie_shares_the_head_of_the_last_name() -> None:
    assert _linked("高技术制造业、装备制造业增加值分别增长9.4%、9.2%。") == [
        ("9.4%", "高技术制造业增加值"),
        ("9.2%", "装备制造业增加值"),
    ]


def test_linking_fenbie_with_one_name_gives_it_to_every_number() -> None:
    assert [of for _, of in _linked("增速分别高于全省、全市3.1和1.6个百分点。")] == ["增速", "增速"]


def test_linking_bare_attribute_takes_its_owner_from_the_clause_before() -> None:
    assert _only("设立福田子基金，规模2亿元。").of == "福田子基金规模"


def test_linking_bare_attribute_takes_its_owner_from_the_number_before() -> None:
    assert _linked("新建学生食堂114个，面积70619平方米。")[1] == ("70619平方米", "学生食堂面积")


def test_linking_percentage_of_a_base_measures_the_subject() -> None:
    assert _only("但车辆规模只有规划目标的54.8%。").of == "车辆规模"
    assert _linked("总产量为1557.6亿斤，占全国11.2%。")[1] == ("11.2%", "总产量")


def test_linking_possessive_before_a_measure_beats_the_noun_after() -> None:
    assert _only("按原标准的50元/月的累计款项发放。").of == "原标准"
    assert _only("还背负3250万元的银行债务。").of == "银行债务"


def test_linking_number_in_brackets_glosses_the_phrase_before() -> None:
    assert _only("实际路段（约200米）已完工。").of == "实际路段"


def test_linking_reads_across_dates_and_durations() -> None:
    assert _linked("全国基础研究经费五年增长1倍。") == [("五年", None), ("1倍", "全国基础研究经费")]
    assert _linked("到2010年城区出租汽车数量应不低于430辆。")[1] == ("不低于430辆", "城区出租汽车数量")


def test_linking_number_with_no_words_before_inherits_from_the_sentence() -> None:
    assert _linked("菜摊原来每天4元，调价后每天10元。") == [("4元", "菜摊"), ("10元", "菜摊")]


@pytest.mark.parametrize("text", ["2015年4月3日签订合同。", "联系电话：82918474", "2024年上半年"])
def test_linking_dates_periods_and_phones_get_no_of(text: str) -> None:
    q = _only(text)
    assert (q.of, q.predicate, q.change) == (None, None, None)


def test_linking_duration_gets_an_of_only_after_a_copula() -> None:
    assert _only("特许经营权授予期限为8年。").of == "特许经营权授予期限"
    assert _only("提前一年实现目标。").of is None


def test_linking_rank_scope_from_a_locative() -> None:
    q = _only("经济总量在全国新区中排名第8位。")
    assert (q.of, q.scope, q.predicate) == ("经济总量", "全国新区", "排名")


def test_linking_rank_scope_from_the_words_after_the_verb() -> None:
    q = _only("合格率、优秀率均列J市中职学校第三名。")
    assert (q.of, q.scope) == ("合格率、优秀率", "J市中职学校")


def test_linking_keeps_a_scope_set_by_the_rank_finder() -> None:
    assert _only("数量排名全市第2，").scope == "全市"


def test_linking_returns_updated_copies_and_leaves_its_input_alone() -> None:
    text = "引入超6家央企研发中心"
    doc = pipeline.extract(text)
    bare = [q.model_copy(update={"of": None, "predicate": None}) for q in doc.quantities]
    linked = link(text, bare, doc.sentences)
    assert [q.of for q in bare] == [None]
    assert [q.of for q in linked] == ["央企研发中心"]
    assert [q.model_dump(exclude={"of", "predicate"}) for q in linked] == [
        q.model_dump(exclude={"of", "predicate"}) for q in bare
    ]


def test_linking_quantity_outside_every_sentence_reads_its_own_line() -> None:
    text = "引入超6家央企研发中心"
    doc = pipeline.extract(text)
    assert [q.of for q in link(text, doc.quantities, [])] == ["央企研发中心"]


def test_linking_offsets_index_the_original_text_with_line_wraps() -> None:
    text = "河套深港科  技创新合作区引入超6家\n央企研发中心"
    q = _only(text)
    assert text[q.start : q.end] == q.text
    assert q.of == "央企研发中心"


def test_linking_window_stops_at_punctuation_and_skips_asides() -> None:
    text = "收入增长，预付租赁费为新车投入（含购车款、上牌费用）的"
    assert window(text, len(text), 0).text == "预付租赁费为新车投入的"


def test_linking_tidy_strips_connectors_and_adverbs() -> None:
    assert tidy("其中租金") == "租金"
    assert tidy("伙食、勘界等工作经费") == "工作经费"
    assert tidy("调价后") is None
    assert tidy("和") is None


def test_linking_read_after_stops_at_a_verb_or_another_number() -> None:
    text = "12个作业组80余名代表到场"
    assert read_after(text, 3, len(text)) == "作业组"
    assert read_after(text, 10, len(text)) == "代表"


def test_linking_alternation_matches_the_longest_word() -> None:
    import re

    pattern = re.compile(alternation(["提升", "提升至", "提高"]))
    assert [m.group() for m in pattern.finditer("提升至提升提高")] == ["提升至", "提升", "提高"]


def _lexicon_data() -> dict[str, Any]:
    return read_toml("linking.toml")


def test_linking_lexicon_loads_and_maps_every_predicate_to_one_change() -> None:
    changes = LINKING.predicates.changes()
    assert changes["增长"] == "increase"
    assert changes["下降"] == "decrease"
    assert changes["提升至"] == "target"
    assert changes["引入"] is None


def test_linking_lexicon_rejects_a_word_under_two_changes() -> None:
    data = _lexicon_data()
    data["predicates"]["decrease"].append("增长")
    with pytest.raises(ValidationError, match="增长"):
        LinkingLexicon.model_validate(data)


def test_linking_lexicon_rejects_an_unknown_skip_type() -> None:
    data = _lexicon_data()
    data["phrases"]["skip_types"].append("dat")
    with pytest.raises(ValidationError, match="dat"):
        LinkingLexicon.model_validate(data)


def test_linking_lexicon_rejects_an_unknown_key() -> None:
    data = _lexicon_data()
    data["phrases"]["stopwords"] = ["的"]
    with pytest.raises(ValidationError):
        LinkingLexicon.model_validate(data)


def test_link_and_judge_copies_once_what_link_then_judge_give() -> None:
    # the status of a rate reads the of linking found (毛收入…12200元/月 is measured, not a rule)
    text = "全市人均毛收入达到12200元/月，已建成4家，将建成10个，每人每月补助500元。"
    doc = pipeline.extract(text, ref_date="2024-09-12")
    parsed = pipeline.structure.parse(pipeline.text.normalise.normalise(text))
    raw = [q.model_copy(update={"of": None, "predicate": None, "change": None, "status": None,
                                "status_cue": None, "deadline_id": None}) for q in doc.quantities]
    ref = doc.ref_date
    once = link_and_judge(text, raw, parsed.sentences, ref)
    twice = judge(text, link(text, raw, parsed.sentences), parsed.sentences, ref)
    assert [q.model_dump() for q in once] == [q.model_dump() for q in twice]
    assert [q.model_fields_set for q in once] == [q.model_fields_set for q in twice]
    assert [q.status for q in once] == ["achieved", "achieved", "planned", "rule"]


def test_by_sentence_runs_a_sentence_together_and_a_stray_quantity_alone() -> None:
    text = "已建成4家，将建成10个。新增3所学校。"
    doc = pipeline.extract(text, ref_date="2024-09-12")
    qs = [q if k < 2 else q.model_copy(update={"sentence_id": None}) for k, q in enumerate(doc.quantities)]
    assert [q.text for q in qs] == ["4家", "10个", "3所"]
    first = doc.sentences[0]
    assert by_sentence(qs, doc.sentences, len(text)) == [(0, 2, first.start, first.end), (2, 3, 0, len(text))]


def test_read_after_reads_nothing_when_the_next_quantity_starts_before_this_one_ends() -> None:
    # overlapping spans leave a ceiling before the end: no noun, and no error (tipdm2020c-5785)
    assert read_after("共3个时间段", 4, 3) is None
    assert read_after("共3个时间段", 3, 6) == "时间段"


def test_read_after_keeps_a_noun_a_stop_opens_only_where_it_ends_the_phrase() -> None:
    # 3种可能: the possibilities; 3个可能影响工期的因素: 可能 a modal, no name opens with it
    assert read_after("该事故有两种可能：", 6, 9) == "可能"
    assert read_after("有3个可能影响工期的因素。", 3, 12) is None
    assert read_after("这3人可能参与其中。", 3, 9) is None
