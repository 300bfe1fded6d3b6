"""The linking lexicon (``linking.toml``), validated on load, and the patterns built from it."""

from __future__ import annotations

import re

from pydantic import model_validator

from pipeline.quantities.kinds import KINDS
from pipeline.records import QUANTITY_TYPES, Change
from pipeline.resources import Lexicon, load
from pipeline.text.numerals import ONE_TO_NINE, TEN
from pipeline.text.regex import trie_alternation, trie_scan


class PredicateLexicon(Lexicon):
    increase: list[str]
    decrease: list[str]
    target: list[str]
    neutral: list[str]
    modifying_predicates: list[str]
    blocked: list[str]
    rank_blocked: list[str]
    scopes: list[str]
    uniform_verbs: list[str]
    target_markers: list[str]

    @model_validator(mode="after")
    def _one_change_per_word(self) -> PredicateLexicon:
        seen: dict[str, str] = {}
        for change in ("increase", "decrease", "target", "neutral"):
            for word in getattr(self, change):
                if word in seen:
                    raise ValueError(f"predicate {word!r} listed under {seen[word]} and {change}")
                seen[word] = change
        return self

    def changes(self) -> dict[str, Change | None]:
        """Predicate → the change it states (None for a neutral verb)."""
        table: dict[str, Change | None] = dict.fromkeys(self.neutral)
        table.update(dict.fromkeys(self.increase, "increase"))
        table.update(dict.fromkeys(self.decrease, "decrease"))
        table.update(dict.fromkeys(self.target, "target"))
        return table


class PhraseLexicon(Lexicon):
    lead_stops: list[str]
    lead_blocked: list[str]
    per_markers: list[str]
    per_heads: list[str]
    verb_adverbs: list[str]
    paid_activity_tags: list[str]
    granting_verbs: list[str]
    recipient_per_markers: list[str]
    recipient_nouns: list[str]
    total_adverbs: list[str]
    trail_stops: list[str]
    trail_nouns: list[str]
    de_nouns: list[str]
    demonstratives: list[str]
    after_stop_compound_tails: list[str]
    regulation_tails: list[str]
    regulation_item_units: list[str]
    built_to_leads: list[str]
    built_to_verbs: list[str]
    built_to_marks: list[str]
    built_to_parts: list[str]
    count_list_joins: list[str]
    after_stops: list[str]
    after_lead_stops: list[str]
    after_predicates: list[str]
    after_modifiers: list[str]
    modifier_verbs: list[str]
    modifier_tags: list[str]
    after_frames: list[str]
    sum_documents: list[str]
    document_charges: list[str]
    penalty_nouns: list[str]
    output_verbs: list[str]
    output_projects: list[str]
    frame_nouns: list[str]
    heading_nouns: list[str]
    temporal_tails: list[str]
    attributes: list[str]
    clause_owner_tags: list[str]
    clause_owner_verb_tags: list[str]
    unowning_end_tags: list[str]
    dimensions: list[str]
    totals: list[str]
    inclusion_words: list[str]
    location_marks: list[str]
    spot_nouns: list[str]
    place_marks: list[str]
    superlative_marks: list[str]
    heading_prepositions: list[str]
    heading_directions: list[str]
    heading_sides: list[str]
    heading_verbs: list[str]
    sited_openings: list[str]
    sited_verbs: list[str]
    sited_adverbs: list[str]
    gloss_charge_ends: list[str]
    part_openers: list[str]
    part_levels: list[str]
    part_tags: list[str]
    counterpart_tags: list[str]
    part_floor_units: list[str]
    scope_words: list[str]
    scope_trails: list[str]
    hour_scopes: list[str]
    day_frames: list[str]
    reckoning_verbs: list[str]
    collecting_verbs: list[str]
    way_measures: list[str]
    way_heads: list[str]
    way_copulas: list[str]
    way_bounds: list[str]
    unglossing_marks: list[str]
    cut_after: list[str]
    shared_heads: list[str]
    date_prepositions: list[str]
    date_preposition_words: list[str]
    date_postpositions: list[str]
    purpose_words: list[str]
    comma_purpose_words: list[str]
    topic_units: list[str]
    topic_totals: list[str]
    topic_copulas: list[str]
    locative_blocked: list[str]
    locative_times: list[str]
    base_predicates: list[str]
    completing_verbs: list[str]
    completed_targets: list[str]
    base_split_verbs: list[str]
    difference_verbs: list[str]
    stake_verbs: list[str]
    base_copulas: list[str]
    not_nouns: list[str]
    left_units: list[str]
    left_unit_words: list[str]
    cut_blocked: list[str]
    skip_types: list[str]
    framing_set_copulas: list[str]
    before_only_types: list[str]
    time_heads: list[str]
    duration_copulas: list[str]
    duration_heads: list[str]
    function_tags: list[str]
    function_kept: list[str]
    clause_adverbs: list[str]
    event_units: list[str]
    people_event_units: list[str]
    motion_openings: list[str]
    event_heads: list[str]
    named_events: list[str]
    trip_verbs: list[str]
    acted_event_units: list[str]
    light_verbs: list[str]
    event_adverbs: list[str]
    event_manners: list[str]
    event_granting_verbs: list[str]
    event_occurring_verbs: list[str]
    clause_verbs: list[str]
    opening_verbs: list[str]
    intent_subjects: list[str]
    dimension_classifiers: list[str]
    dimension_adjectives: list[str]
    dimension_bounds: list[str]
    discount_frames: list[str]
    cap_words: list[str]
    spacing_leads: list[str]
    discount_verbs: list[str]
    object_verbs: list[str]
    supporting_verbs: list[str]
    work_verbs: list[str]
    work_sites: list[str]
    work_measures: list[str]
    closing_verbs: list[str]
    closing_complements: list[str]
    paying_verbs: list[str]
    owner_limits: list[str]
    spending_verbs: list[str]
    spending_adverbs: list[str]
    payer_heads: list[str]
    grant_per_people: list[str]
    stray_openings: list[str]
    norm_leads: list[str]
    closing_frames: list[str]
    base_frames: list[str]
    topic_prepositions: list[str]
    lead_prepositions: list[str]
    place_words: list[str]
    postpositions: list[str]
    except_openers: list[str]
    except_closers: list[str]
    temporal_postpositions: list[str]
    inner_postpositions: list[str]
    purpose_verbs: list[str]
    period_frames_alone: list[str]
    time_frame_ends: list[str]
    causative_verbs: list[str]
    scope_frame_ends: list[str]
    share_nouns: list[str]
    distance_words: list[str]
    demonstrative_prepositions: list[str]
    part_nouns: list[str]
    exceeding_verbs: list[str]
    one_of_list: list[str]
    to_complements: list[str]
    modals: list[str]
    duty_modals: list[str]
    negations: list[str]
    clock_copulas: list[str]
    duration_names: list[str]
    duration_frames: list[str]
    span_starts: list[str]
    span_end: str
    formula_operators: list[str]
    formula_minus: list[str]
    period_leads: list[str]
    unit_nouns: list[str]
    span_verbs: list[str]
    lasting_heads: list[str]
    reaching_paid: list[str]
    lasting_nouns: list[str]
    staying_verbs: list[str]
    repeating_adverbs: list[str]
    reaching_verbs: list[str]
    reaching_adverbs: list[str]
    extending_verbs: list[str]
    extending_adverbs: list[str]
    extending_frames: list[str]
    reaching_paid_at: list[str]
    after_frame_degrees: list[str]
    born_verbs: list[str]
    born_bare_verbs: list[str]
    born_bare_links: list[str]
    reaching_bounds_before: list[str]
    reaching_bounds_after: list[str]
    reaching_ordinals: list[str]
    joining_verbs: list[str]
    reaching_demonstratives: list[str]
    since_words: list[str]
    since_adverbs: list[str]
    since_opening_quotes: list[str]
    since_pivot_tags: list[str]
    aging_verbs: list[str]
    since_time_prepositions: list[str]
    since_subject_shares: list[str]
    lasting_not_before: list[str]
    glued_not_first: str
    measured_attributes: list[str]
    person_units: list[str]
    person_endings: list[str]
    base_markers: list[str]
    household_units: list[str]
    people_nouns: list[str]
    household_endings: list[str]
    kind_units: list[str]
    after_lead_kept: list[str]
    counted_activities: list[str]
    state_nouns: list[str]
    charge_after_measure_ends: list[str]
    charge_after_measure_links: list[str]
    certifying_verbs: list[str]
    norm_heads: list[str]
    outcome_verbs: list[str]
    granting_agents: list[str]
    allocating_verbs: list[str]
    counted_endings: dict[str, list[str]]
    duration_links: list[str]
    duration_distances: list[str]
    duration_points: list[str]
    holiday_dates: list[str]
    duration_glued_tags: list[str]
    clock_list_marks: list[str]
    clock_span_marks: list[str]
    age_people: list[str]
    age_verbs: list[str]
    age_marks: list[str]
    age_bands: list[str]
    present_age_words: list[str]
    surnames: list[str]
    copula_predicates: list[str]
    sexes: list[str]
    clause_tail_tags: list[str]
    holding_tags: list[str]
    holding_openings: list[str]
    prefix_tags: list[str]

    @model_validator(mode="after")
    def _types_exist(self) -> PhraseLexicon:
        for kind in (*self.skip_types, *self.before_only_types):
            if kind not in QUANTITY_TYPES:
                raise ValueError(f"skip_types, before_only_types: unknown quantity type {kind!r}")
        return self


class ClauseLexicon(Lexicon):
    object_tags: list[str]
    noun_tags: list[str]
    clause_object_tags: list[str]
    frame_tags: list[str]
    frame_words: list[str]
    clause_verb_tags: list[str]
    listed_tags: list[str]
    subject_tags: list[str]
    existential_blocked: list[str]
    verb_tagged_nouns: list[str]
    doing_verbs: list[str]
    holding_verbs: list[str]
    post_endings: list[str]
    tagged_verbs: list[str]
    tagged_nouns: list[str]
    reporting_verbs: list[str]
    reporting_blocked_tags: list[str]
    reporting_copulas: list[str]
    result_complements: list[str]
    object_complements: list[str]
    time_tags: list[str]
    source_prepositions: list[str]
    count_sources: list[str]
    present_adverbs: list[str]
    predicate_opening_tags: list[str]
    ending_copulas: list[str]
    chained_tags: list[str]
    after_subject_extra_tags: list[str]
    perfective_predicate_tags: list[str]
    manner_words: list[str]
    aspect_nouns: list[str]
    grade_endings: list[str]
    grade_bounds: list[str]
    classing_verbs: list[str]
    joining_conjunctions: list[str]
    clause_conjunctions: list[str]
    verbal_tags: list[str]
    adverbial_tags: list[str]
    activity_tags: list[str]
    lone_char_tags: list[str]
    lasting_extra_tags: list[str]
    reaching_excluded_tags: list[str]
    copula_subject_extra_tags: list[str]
    pronoun_tag: str
    object_pronoun: str
    before_pronoun_tags: list[str]
    run_opening_tags: list[str]
    run_blocked: list[str]


class TopicLexicon(Lexicon):
    topic_heads: list[str]
    topic_tags: list[str]
    topic_types: list[str]
    count_topic_heads: list[str]
    count_topic_predicate_tags: list[str]
    remainder_words: list[str]
    other_words: list[str]
    topic_postpositions: list[str]
    topic_openers: list[str]
    whole_openers: list[str]
    whole_tags: list[str]
    whole_modifier_tags: list[str]
    comparison_words: list[str]
    comparison_olds: list[str]
    list_marks: list[str]
    from_words: list[str]
    label_length: int
    charge_copulas: list[str]
    charge_tags: list[str]


class HeadLexicon(Lexicon):
    sum_word_ends: list[str]
    modified_leads: list[str]
    tier_words: list[str]
    tier_heads: list[str]
    tier_levels: list[str]
    tier_trails: list[str]
    case_labels: list[str]
    case_links: list[str]
    copula_label_adverbs: list[str]
    case_length: int
    part_of_ends: list[str]
    per_lead: str
    compared_ends: list[str]
    former_leads: list[str]
    since_ends: list[str]
    compound_units: list[str]
    compound_heads: list[str]
    compound_tags: list[str]
    paired_positions: list[str]
    noun_suffixes: list[str]
    measure_ends: list[str]
    storey_units: list[str]
    storey_words: list[str]
    storey_scopes: list[str]
    counted_places: list[str]
    counted_place_verbs: list[str]
    rank_event_belongings: list[str]
    per_people_leads: list[str]
    per_people_classifiers: list[str]
    per_people_gaps: list[str]
    pronouns: list[str]
    restating_words: list[str]
    restating_unit_words: list[str]
    restating_unit_owners: list[str]
    sum_endings: list[str]
    people_groups: list[str]


class CarriedLexicon(Lexicon):
    sum_openers: list[str]
    sum_copulas: list[str]
    sum_restating: list[str]
    lent_measure_kinds: list[str]
    distance_leads: list[str]
    distance_compounds: list[str]
    leave_leads: list[str]
    leave_compounds_before: list[str]
    leave_compounds_after: list[str]
    direction_ends: list[str]
    place_heads: list[str]
    site_verbs: list[str]
    target_prepositions: list[str]
    demonstratives: list[str]
    subject_blocked_tags: list[str]
    scope_reaching: list[str]
    scope_reach: int
    span_frames: list[str]
    posting_verbs: list[str]
    posted_object_markers: list[str]
    posted_leads: list[str]
    posted_adverbs: list[str]
    needing_verbs: list[str]
    keeping_verbs: list[str]
    needing_hedges: list[str]
    needing_leads: list[str]
    topic_openings: list[str]
    inclusive_inners: list[str]
    summed_amount_nouns: list[str]
    group_leads: list[str]
    partner_prepositions: list[str]
    listing_openers: list[str]
    self_counted_units: list[str]


class LinkingLexicon(Lexicon):
    predicates: PredicateLexicon
    phrases: PhraseLexicon
    clauses: ClauseLexicon
    topics: TopicLexicon
    heads: HeadLexicon
    carried: CarriedLexicon


LINKING = load("linking.toml", LinkingLexicon)
PRED = LINKING.predicates
PHRASE = LINKING.phrases

MODIFYING_PREDICATES = frozenset(PRED.modifying_predicates)
CHANGES = PRED.changes()
SKIP_TYPES = frozenset(PHRASE.skip_types)
FRAMING_SET_COPULAS = tuple(PHRASE.framing_set_copulas)
BEFORE_ONLY_TYPES = frozenset(PHRASE.before_only_types)
TIME_HEADS = tuple(PHRASE.time_heads)
ATTRIBUTES = frozenset(PHRASE.attributes)
NOT_OWNER_ENDINGS = tuple(PHRASE.attributes + PHRASE.dimensions + PHRASE.owner_limits)
CLAUSE_OWNER_TAGS = frozenset(PHRASE.clause_owner_tags)
CLAUSE_OWNER_VERB_TAGS = frozenset(PHRASE.clause_owner_verb_tags)
UNOWNING_END_TAGS = frozenset(PHRASE.unowning_end_tags)
DIMENSIONS = frozenset(PHRASE.dimensions)
DIMENSIONS_LONGEST_FIRST = tuple(sorted(PHRASE.dimensions, key=len, reverse=True))
TOTALS = frozenset(PHRASE.totals)
UNGLOSSING_MARKS = tuple(PHRASE.unglossing_marks)
NOT_NOUNS = frozenset(PHRASE.not_nouns)
BASE_PREDICATES = frozenset(PHRASE.base_predicates)
COMPLETING_VERBS = frozenset(PHRASE.completing_verbs)
COMPLETED_TARGETS = tuple(PHRASE.completed_targets)
BASE_COPULAS = frozenset(PHRASE.base_copulas)
BASE_SPLIT_VERBS = frozenset(PHRASE.base_split_verbs)
DIFFERENCE_VERBS = frozenset(PHRASE.difference_verbs)
STAKE_VERBS = tuple(PHRASE.stake_verbs)
SHARED_HEADS = tuple(PHRASE.shared_heads)
DATE_PREPOSITION_RE = re.compile(rf"(?:{trie_alternation(PHRASE.date_prepositions)})$")
DATE_PREPOSITION_WORDS = frozenset(PHRASE.date_preposition_words)
DATE_POSTPOSITION_RE = re.compile(trie_alternation(PHRASE.date_postpositions))
AFTER_FRAMES = frozenset(PHRASE.after_frames)
# 最低标准: a frame after a word of degree
AFTER_FRAME_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.after_frame_degrees)})?(?:{trie_alternation(PHRASE.after_frames)})"
)
FRAME_NOUNS = frozenset(PHRASE.frame_nouns)
SUM_DOCUMENTS = tuple(sorted(PHRASE.sum_documents, key=len, reverse=True))  # 协议书 before 协议
DOCUMENT_CHARGES = tuple(PHRASE.document_charges)
PENALTY_NOUNS = frozenset(PHRASE.penalty_nouns)
# 年开采加工碎石8万立方米项目: the verb of a yearly output and the product it glues to the number
OUTPUT_RE = re.compile(rf"(?:{trie_alternation(PHRASE.output_verbs)})([^\d\s，。、；：（）()《》“”]{{0,8}})$")
OUTPUT_PROJECT_RE = re.compile(trie_alternation(PHRASE.output_projects))
DEMONSTRATIVES = tuple(PHRASE.demonstratives)
MODIFIER_TAGS = frozenset(PHRASE.modifier_tags)
MODIFIER_VERBS = frozenset(PHRASE.modifier_verbs)
FRAME_ENDINGS = tuple(PHRASE.frame_nouns)
DISCOUNT_FRAMES = frozenset(PHRASE.discount_frames)
CAP_WORDS = frozenset(PHRASE.cap_words)
# 每1—3km设计一处, 每隔500米: the per-word opening a spacing, the longest first
SPACING_LEADS = tuple(sorted(PHRASE.spacing_leads, key=len, reverse=True))
SUM_OPENERS = frozenset(LINKING.carried.sum_openers)
GROUP_LEADS = tuple(LINKING.carried.group_leads)
PARTNER_PREPOSITIONS = frozenset(LINKING.carried.partner_prepositions)
LISTING_OPENERS = tuple(LINKING.carried.listing_openers)
SELF_COUNTED_UNITS = frozenset(LINKING.carried.self_counted_units)
DISCOUNT_VERBS = frozenset(PHRASE.discount_verbs)
HEADING_NOUNS = frozenset(PHRASE.heading_nouns)
DURATION_COPULAS = tuple(PHRASE.duration_copulas)
DURATION_HEADS = tuple(PHRASE.duration_heads + PHRASE.duration_names)
DURATION_ENDINGS = tuple(PHRASE.duration_copulas) + DURATION_HEADS
# 超过了五年的防水保质期, 一个月的撤场时间: a duration tied by 的 to the span of time it gives, or
# glued to it (设置了三年过渡期, 满35年工龄, 有15年缴费年限; not a bare 时间: 用了两天时间, nor
# after a postposition: 近半年内间隔一月), or a noun of a thing that lasts glued to it (两年行动计划)
GLUED_NOT_FIRST = PHRASE.glued_not_first
_GLUED_FIRST = rf"(?![{re.escape(GLUED_NOT_FIRST)}])"
DURATION_AFTER_RE = re.compile(
    rf"的(?P<name>[\u4e00-\u9fff]{{0,4}}?(?:{trie_alternation(DURATION_HEADS)}))"
    rf"|(?P<glued>{_GLUED_FIRST}(?:(?!的)[\u4e00-\u9fff]){{0,2}}?(?:{trie_alternation(DURATION_HEADS)}))"
    rf"|(?P<lasting>{_GLUED_FIRST}(?:(?!的)[\u4e00-\u9fff]){{0,4}}?(?:{trie_alternation(PHRASE.lasting_nouns)}))"
)
# 有一年以上农村学校或薄弱学校任教经历, 放了两天假: a phrase glued after a duration, ending in a head
# of a thing that lasts and at a word's end
LASTING_HEADS = frozenset(PHRASE.lasting_heads)
LASTING_HEAD_RE = re.compile(
    rf"{_GLUED_FIRST}(?!的)[\u4e00-\u9fff]{{0,14}}?(?:{trie_alternation(PHRASE.lasting_heads)})"
    rf"(?:(?=[不了和及或])|(?![\u4e00-\u9fff]))"
)
DURATION_NAMES = frozenset(PHRASE.duration_names)
HOLIDAY_DATES = tuple(PHRASE.holiday_dates)
DURATION_FRAMES = tuple(PHRASE.duration_frames)
# 自受理之日起: where a span starts, between a label and its duration
SPAN_START_RE = re.compile(rf"(?:{trie_alternation(PHRASE.span_starts)})[^，,。；;：:]*{re.escape(PHRASE.span_end)}")
SPAN_STARTS = frozenset(PHRASE.span_starts)
SPAN_END = PHRASE.span_end
# 起付线-自负部份: an operator of a formula; a minus only between two Chinese characters
FORMULA_RE = re.compile(
    rf"[{''.join(re.escape(o) for o in PHRASE.formula_operators)}]"
    rf"|(?<=[\u4e00-\u9fff])[{''.join(re.escape(o) for o in PHRASE.formula_minus)}](?=[\u4e00-\u9fff])"
)
PERIOD_FRAMES_ALONE = frozenset(PHRASE.period_frames_alone)
PERIOD_LEAD_RE = re.compile(rf"(?:{trie_alternation(PHRASE.period_leads)})(?=..)")
UNIT_NOUNS = frozenset(PHRASE.unit_nouns)
# 缴纳24个月社保: a verb of going through something over a span, and a 了 or a 的 after it (在广东
# 缴纳的八年半社保), ending a window
SPAN_VERB_RE = re.compile(rf"(?:{trie_alternation(PHRASE.span_verbs)})[了的]?$")
# 居住30日以上的人员, 连续三年的考核: a verb of staying over a span (and a 了), or an adverb of a
# repetition, ending a window
STAYING_VERB_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.staying_verbs)})了?$|(?:{trie_alternation(PHRASE.repeating_adverbs)})$"
)
LASTING_NOT_BEFORE = frozenset(PHRASE.lasting_not_before)
# 首套房产权证也未满4年: a verb of reaching a span, with its adverbs, ending a window
REACHING_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.reaching_adverbs)})*(?:{trie_alternation(PHRASE.reaching_verbs)})$"
)
# 第二轮土地承包到期后再延长三十年: a verb of putting an end later, its adverbs and a frame of
# expiry, ending a window
EXTENDING_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.extending_frames)})?(?:{trie_alternation(PHRASE.extending_adverbs)})*"
    rf"(?:{trie_alternation(PHRASE.extending_verbs)})$"
)
# 村道建成至今已10年: a word of a span running to now, with its adverbs, ending a window
SINCE_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.since_words)})(?:{trie_alternation(PHRASE.since_adverbs)})*$"
)
# 该村自来水建设已经3年: a verb that starts a thing's life and the adverbs after it, ending the window
AGING_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.aging_verbs)})(?:{trie_alternation(PHRASE.since_adverbs)})*$"
)
AGING_VERBS = frozenset(PHRASE.aging_verbs)
OPENING_QUOTES = frozenset(PHRASE.since_opening_quotes)
PIVOT_TAGS = frozenset(PHRASE.since_pivot_tags)
SINCE_TIME_PREPOSITIONS = frozenset(PHRASE.since_time_prepositions)
SINCE_SUBJECT_SHARES = frozenset(PHRASE.since_subject_shares)
SINCE_ADVERBS_RE = re.compile(rf"(?:{trie_alternation(PHRASE.since_adverbs)})*$")
# 社保缴满12个月, 养老保险缴费已满15年: a verb of paying ending the noun before a verb of reaching
REACHING_PAID_RE = re.compile(rf"(?:{trie_alternation(PHRASE.reaching_paid)})$")
# 已出生29天: a verb of being born ending a window, the span after it an age
BORN_RE = re.compile(rf"(?:{trie_alternation(PHRASE.born_verbs)})$")
# 新生儿在出生28天内: a bare verb of being born, maybe after 在, ending a window (see born_bare_verbs)
BORN_BARE_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.born_bare_links)})?(?:{trie_alternation(PHRASE.born_bare_verbs)})$"
)
# 社保缴费不足15年, 职工养老保险缴费在10年以下: a verb of paying (and 在) ending a window before a
# span that carries its bound
REACHING_PAID_AT_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.reaching_paid)})(?:{trie_alternation(PHRASE.reaching_paid_at)})?$"
)
REACHING_BOUND_RE = re.compile(
    rf"^(?:{trie_alternation(PHRASE.reaching_bounds_before)})|(?:{trie_alternation(PHRASE.reaching_bounds_after)})$"
)
# 每平方米: the per-words alone between a label and its number (补偿标准：每平方米500元)
PER_ONLY_RE = re.compile(rf"(?:{trie_alternation(PHRASE.per_markers)})+")
FUNCTION_TAGS = frozenset(PHRASE.function_tags)
FUNCTION_KEPT = frozenset(PHRASE.function_kept)
CLAUSE_ADVERBS = frozenset(PHRASE.clause_adverbs)
EVENT_UNITS = frozenset(PHRASE.event_units)
PEOPLE_EVENT_UNITS = frozenset(PHRASE.people_event_units)
MOTION_OPENINGS = tuple(PHRASE.motion_openings)
MAX_OF = 20  # a longer "name" is a clause read whole (the gold's longest has 15 characters)
EVENT_HEADS = tuple(PHRASE.event_heads)
NAMED_EVENTS = tuple(PHRASE.named_events)
TRIP_VERBS = frozenset(PHRASE.trip_verbs)
ACTED_EVENT_UNITS = frozenset(PHRASE.acted_event_units)
LIGHT_VERBS = frozenset(PHRASE.light_verbs)
EVENT_ADVERBS = frozenset(PHRASE.event_adverbs)
EVENT_MANNERS = tuple(PHRASE.event_manners)
EVENT_GRANTING_VERBS = frozenset(PHRASE.event_granting_verbs)
EVENT_OCCURRING_VERBS = frozenset(PHRASE.event_occurring_verbs)
CLAUSE_VERBS = frozenset(PHRASE.clause_verbs)
OPENING_VERBS = frozenset(PHRASE.opening_verbs)
INTENT_SUBJECTS = frozenset(PHRASE.intent_subjects)
DIMENSION_COUNT_RE = re.compile(
    rf"(?:是|为)?另?[一两二三四五六七八九十]+(?:{trie_alternation(PHRASE.dimension_classifiers)})"
    rf"(?:{trie_alternation(PHRASE.dimension_adjectives)})$"
)
OBJECT_VERBS = frozenset(PHRASE.object_verbs)
SUPPORTING_VERBS = frozenset(PHRASE.supporting_verbs)
WORK_VERBS = frozenset(PHRASE.work_verbs)
WORK_SITES = frozenset(PHRASE.work_sites)
CLOSING_VERBS = frozenset(PHRASE.closing_verbs)
CLOSING_COMPLEMENTS = tuple(PHRASE.closing_complements)
PAYING_VERBS = frozenset(PHRASE.paying_verbs)
# 温室每平方米奖补: a per-word of things ending a window before a verb of granting (trims.without_grant_verb)
GRANT_PER_RE = re.compile(
    rf"每(?!{trie_alternation(PHRASE.grant_per_people)})\w{{1,3}}(?:{trie_alternation(PHRASE.granting_verbs)})$")
STRAY_OPENINGS = frozenset(PHRASE.stray_openings)
NORM_LEADS = frozenset(PHRASE.norm_leads)
CLOSING_FRAMES = frozenset(PHRASE.closing_frames)
BASE_FRAMES = tuple(PHRASE.base_frames)
TOPIC_PREPOSITIONS = frozenset(PHRASE.topic_prepositions)
LEAD_PREPOSITIONS = frozenset(PHRASE.lead_prepositions)
PLACE_WORDS = frozenset(PHRASE.place_words)
POSTPOSITIONS = frozenset(PHRASE.postpositions)
EXCEPT_OPENERS = tuple(PHRASE.except_openers)
EXCEPT_CLOSERS = tuple(PHRASE.except_closers)
TEMPORAL_POSTPOSITIONS = frozenset(PHRASE.temporal_postpositions)
INNER_POSTPOSITIONS = frozenset(PHRASE.inner_postpositions)
PURPOSE_VERBS = frozenset(PHRASE.purpose_verbs)
TIME_FRAME_ENDS = frozenset(PHRASE.time_frame_ends)
CAUSATIVE_VERBS = frozenset(PHRASE.causative_verbs)
SCOPE_FRAME_ENDS = frozenset(PHRASE.scope_frame_ends)
DEMONSTRATIVE_PREPOSITIONS = frozenset(PHRASE.demonstrative_prepositions)
MODALS = frozenset(PHRASE.modals)
DUTY_MODALS = frozenset(PHRASE.duty_modals)
NEGATIONS = frozenset(PHRASE.negations)
OBJECT_TAGS = frozenset(LINKING.clauses.object_tags)
OBJECT_NOUN_TAGS = frozenset(LINKING.clauses.noun_tags)
SUBJECT_TAGS = frozenset(LINKING.clauses.subject_tags)
AFTER_SUBJECT_TAGS = SUBJECT_TAGS | frozenset(LINKING.clauses.after_subject_extra_tags)
CLAUSE_OBJECT_TAGS = frozenset(LINKING.clauses.clause_object_tags)
FRAME_TAGS = frozenset(LINKING.clauses.frame_tags)
FRAME_WORDS = frozenset(LINKING.clauses.frame_words)
CLAUSE_VERB_TAGS = frozenset(LINKING.clauses.clause_verb_tags)
LISTED_TAGS = frozenset(LINKING.clauses.listed_tags)
EXISTENTIAL_BLOCKED = frozenset(LINKING.clauses.existential_blocked)
VERB_TAGGED_NOUNS = frozenset(LINKING.clauses.verb_tagged_nouns)
DOING_VERBS = frozenset(LINKING.clauses.doing_verbs)
HOLDING_VERBS = frozenset(LINKING.clauses.holding_verbs)
POST_ENDINGS = tuple(LINKING.clauses.post_endings)
TAGGED_VERBS = frozenset(LINKING.clauses.tagged_verbs)
TAGGED_NOUNS = frozenset(LINKING.clauses.tagged_nouns)
REPORTING_VERBS = frozenset(LINKING.clauses.reporting_verbs)
REPORTING_RE = re.compile(trie_alternation(LINKING.clauses.reporting_verbs))  # a name holds one: tag it
REPORTING_BLOCKED_TAGS = frozenset(LINKING.clauses.reporting_blocked_tags)
REPORTING_COPULAS = frozenset(LINKING.clauses.reporting_copulas)
RESULT_COMPLEMENTS = frozenset(LINKING.clauses.result_complements)
OBJECT_COMPLEMENTS = frozenset(LINKING.clauses.object_complements)
TIME_TAGS = frozenset(LINKING.clauses.time_tags)
SOURCE_PREPOSITIONS = tuple(LINKING.clauses.source_prepositions)
COUNT_SOURCES = tuple(LINKING.clauses.count_sources)
PRESENT_ADVERBS = tuple(LINKING.clauses.present_adverbs)
PREDICATE_OPENING_TAGS = frozenset(LINKING.clauses.predicate_opening_tags)
ENDING_COPULAS = tuple(LINKING.clauses.ending_copulas)
CHAINED_TAGS = frozenset(LINKING.clauses.chained_tags)
PERFECTIVE_PREDICATE_TAGS = frozenset(LINKING.clauses.perfective_predicate_tags)
MANNER_WORDS = frozenset(LINKING.clauses.manner_words)
ASPECT_NOUNS = frozenset(LINKING.clauses.aspect_nouns)
GRADE_ENDINGS = tuple(LINKING.clauses.grade_endings)
GRADE_BOUNDS = tuple(LINKING.clauses.grade_bounds)
LONE_CHAR_TAGS = frozenset(LINKING.clauses.lone_char_tags)
LASTING_TAGS = OBJECT_NOUN_TAGS | frozenset(LINKING.clauses.lasting_extra_tags)
REACHING_TAGS = OBJECT_NOUN_TAGS - frozenset(LINKING.clauses.reaching_excluded_tags)
COPULA_SUBJECT_TAGS = OBJECT_NOUN_TAGS | frozenset(LINKING.clauses.copula_subject_extra_tags)
PRONOUN_TAG = LINKING.clauses.pronoun_tag
OBJECT_PRONOUN = LINKING.clauses.object_pronoun
BEFORE_PRONOUN_TAGS = frozenset(LINKING.clauses.before_pronoun_tags)
CLASSING_VERBS = tuple(LINKING.clauses.classing_verbs)
JOINING_CONJUNCTIONS = frozenset(LINKING.clauses.joining_conjunctions)
RUN_OPENING_TAGS = frozenset(LINKING.clauses.run_opening_tags)
RUN_BLOCKED = tuple(LINKING.clauses.run_blocked)
CLAUSE_CONJUNCTIONS = frozenset(LINKING.clauses.clause_conjunctions)

CLOCK_COPULAS = tuple(PHRASE.clock_copulas)
MEASURED_ATTRIBUTES = tuple(PHRASE.measured_attributes)
PERSON_UNITS = frozenset(PHRASE.person_units + PHRASE.household_units)
PEOPLE_UNITS = frozenset(PHRASE.person_units)
HOUSEHOLD_UNITS = tuple(PHRASE.household_units)
PEOPLE_NOUNS = tuple(PHRASE.person_endings + PHRASE.people_nouns)
PERSON_ENDINGS = tuple(PHRASE.person_endings + PHRASE.household_endings)
AGE_PEOPLE = tuple(PHRASE.age_people)
AGE_VERB_RE = re.compile(rf"(?:{trie_alternation(PHRASE.age_verbs)})+$")
AGE_MARKS = tuple(PHRASE.age_marks)
AGE_BANDS = tuple(PHRASE.age_bands)
PRESENT_AGE_WORDS = tuple(PHRASE.present_age_words)
SURNAMES = frozenset(PHRASE.surnames)
COPULA_PREDICATES = tuple(PHRASE.copula_predicates)
SEXES = "".join(PHRASE.sexes)
BASE_MARKERS = frozenset(PHRASE.base_markers)
KIND_UNITS = frozenset(PHRASE.kind_units)
COUNTED_ACTIVITIES = frozenset(PHRASE.counted_activities)
STATE_NOUNS = frozenset(PHRASE.state_nouns)
CHARGE_AFTER_MEASURE_ENDS = tuple(PHRASE.charge_after_measure_ends)
CHARGE_LINK_RE = re.compile("(?:" + "|".join(map(re.escape, PHRASE.charge_after_measure_links)) + ")?")
CERTIFYING_VERBS = frozenset(PHRASE.certifying_verbs)
NORM_HEADS = frozenset(PHRASE.norm_heads)
OUTCOME_VERBS = frozenset(PHRASE.outcome_verbs)
GRANTING_AGENTS = frozenset(PHRASE.granting_agents)
ALLOCATING_VERBS = frozenset(PHRASE.allocating_verbs)
SUM_ENDINGS = tuple(LINKING.heads.sum_endings)
# 养殖规模, 建设用地, 建设资金: nouns after a verb of work that make it a compound (trims.after_work_verb)
WORK_COMPOUND_ENDINGS = tuple(PHRASE.work_measures + PHRASE.attributes + PHRASE.shared_heads + PHRASE.dimensions
                              + LINKING.heads.sum_endings)
COUNTED_ENDINGS = {unit: tuple(endings) for unit, endings in PHRASE.counted_endings.items()}
# 按个人基本工资的 before 5%: the marker, then a base with no clause break, then 的 at the end
# A base after 按 and a verb of change after it, glued to the number (补贴标准按本办法规定标准上浮10%)
CHANGED_BASE_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.base_markers)})[^，,。；;按]{{2,}}?"
    rf"(?:{trie_alternation(w for w in (*PRED.increase, *PRED.decrease) if len(w) > 1)})$"
)
BASE_MARKER_RE = re.compile(rf"(?:{trie_alternation(PHRASE.base_markers)})[^，,。；;]{{2,}}的$")
DURATION_LINK_RE = re.compile(rf"(?:{trie_alternation(PHRASE.duration_links)})+$")
# 距法定退休年龄: a point a span runs to
DISTANCE_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.duration_distances)})[^，,。；;：:]{{0,4}}(?:{trie_alternation(PHRASE.duration_points)})$"
)
DURATION_GLUED_TAGS = frozenset(PHRASE.duration_glued_tags)
CLAUSE_TAIL_TAGS = frozenset(PHRASE.clause_tail_tags)
HOLDING_TAGS = frozenset(PHRASE.holding_tags)
HOLDING_OPENINGS = tuple(PHRASE.holding_openings)
PREFIX_TAGS = frozenset(PHRASE.prefix_tags)
VERBAL_TAGS = frozenset(LINKING.clauses.verbal_tags)
ADVERBIAL_TAGS = frozenset(LINKING.clauses.adverbial_tags)
ACTIVITY_TAGS = frozenset(LINKING.clauses.activity_tags)
CLOCK_LIST_MARKS = frozenset(PHRASE.clock_list_marks)
CLOCK_LIST_RE = re.compile(rf"\s*(?:{trie_alternation(PHRASE.clock_list_marks)})\s*$")
# 运输时间为22:00  至  4:00: the end of a span of clocks the extractor leaves two
CLOCK_SPAN_RE = re.compile(rf"\s*(?:{trie_alternation(PHRASE.clock_span_marks)})\s*$")

# A blocked word is matched (and ignored) before the predicate it contains.
PREDICATE_RE = re.compile(rf"(?P<blocked>{trie_alternation(PRED.blocked)})|(?P<pred>{trie_alternation(CHANGES)})")
# Greedy from the start: one match finds the last cut word (a blocked word there cancels it).
CUT_RE = re.compile(
    rf".*(?:(?P<blocked>{trie_alternation(PHRASE.cut_blocked)})|(?P<cut>{trie_alternation(PHRASE.cut_after)}))",
    re.DOTALL,
)
# A blocked word that ends in a cut word (相对, 去向, 自由, 除了): found around a cut word, it
# cancels the cut the greedy CUT_RE finds at its end.
CUT_BLOCKED_RE = re.compile(trie_alternation(PHRASE.cut_blocked))
RANK_VERB_RE = re.compile(
    rf"(?P<blocked>{trie_alternation(PRED.rank_blocked)})|(?P<verb>{trie_alternation(KINDS.rank.rank_verbs)})"
)
SCOPE_END_RE = re.compile(rf"(?P<scope>{trie_alternation(PRED.scopes)})$")
UNIFORM_VERBS = tuple(PRED.uniform_verbs)
TARGET_RE = re.compile(trie_scan(PRED.target_markers))

# Where a clause ends: punctuation, line breaks, markdown emphasis, and the equals sign of a
# formula (待遇=基础养老金（目前103元）: the terms after it are read, not the result before it).
# Greedy from the start, so one match finds the last one.
BOUNDARY_RE = re.compile(r".*[，。；：！？,;:!?\n\r*|=＝]", re.DOTALL)
# A parenthesised aside inside a clause is skipped (投入（含购车款、上牌费用）的65%).
ASIDE_RE = re.compile(r"（[^（）]*）|\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
# A bracket of one or two letters between two letters belongs to the name (村(居)委会).
INFIX_BRACKET_RE = re.compile(r"(?<=[^\W\d_])(?:（[^\W_]{1,2}）|\([^\W_]{1,2}\))(?=[^\W\d_])")
BRACKET_RE = re.compile(r".*[（）()\[\]【】]", re.DOTALL)
ROUND_OPENINGS = frozenset("（(")  # a round bracket opening an aside: 未成年子女（18周岁以下）
ANY_BRACKET_RE = re.compile(r"[（）()\[\]【】]")
SPACE_RE = re.compile(r"\s+")
ANY_SPACE_RE = re.compile(r"\s")
# Enumerators and outline numbers at a clause start (一是, 2、, （三）, ③, ⑶), and the number of an
# article of a regulation quoted with its text before a space (第十五条 城乡居民…缴费时间为每年的第四季度 →
# …缴费时间; not 第一条路, which no space follows).
_CIRCLED = "\u2460-\u2487"  # ①…⑳ and ⑴…⒇
# The denominator of the rate before, left behind where its span ends (0.7元/月/平方、商用1.4元 → 商用,
# 30元/月/辆（3）临时停车管理费：5元 → 临时停车管理费): never the start of a name.
RATE_TAIL_RE = re.compile(r"^(?:[/／][^\W\d_]{1,3}(?![^\W\d_]))+")
# 大于45度或侧凸: a unit the number before left out of its span (not 度假村)
LEFT_UNIT_RE = re.compile(rf"(?!{trie_alternation(PHRASE.left_unit_words)})(?:{trie_alternation(PHRASE.left_units)})")
ENUM_RE = re.compile(
    rf"^(?:[0-9０-９]+[、.．]|[（(][{ONE_TO_NINE}{TEN}0-9]+[）)]|[{ONE_TO_NINE}{TEN}]+、|[{_CIRCLED}]"
    rf"|\s*第[{ONE_TO_NINE}{TEN}百零〇0-9]+条[\s\u3000]+)"
)
# First and last characters of the stop words: most phrases fail these set tests and
# never reach the regexes.
_LEADS = [*PHRASE.lead_stops, *PHRASE.per_markers]
LEAD_FIRST = frozenset(w[0] for w in _LEADS) | frozenset("、，, \t\n\u3000")
_TRAILS = [*PHRASE.trail_stops, *PHRASE.per_markers]
TRAIL_LAST = frozenset(w[-1] for w in _TRAILS) | frozenset("、，, \t\n\u3000")
TRAIL_WORDS = frozenset(_TRAILS) - frozenset(PHRASE.trail_nouns)  # 实际, 预计: alone, no thing
# 物业公司累计投入: a payer's name and the verb of spending glued to its sum (trims.is_payer)
PAYER_HEADS = tuple(PHRASE.payer_heads)
SPENDING_TAIL_RE = re.compile(
    rf"(?:{trie_alternation([*_TRAILS, *PHRASE.spending_adverbs])})*(?:{trie_alternation(PHRASE.spending_verbs)})了?")
DE_NOUNS = tuple(PHRASE.de_nouns)  # 摩的: a 的 that ends a noun, not a phrase
ANY_CUT_RE = re.compile(f"[{''.join(sorted({re.escape(w[0]) for w in PHRASE.cut_after}))}]")
LEAD_RE = re.compile(rf"(?:(?!{trie_alternation(PHRASE.lead_blocked)}){trie_alternation(_LEADS)}|[、，,\s])+")
PER_RE = re.compile(trie_scan(PHRASE.per_markers))
# 补贴标准为每个村: a copula, per-words and the noun the rate is per, ending a name
COPULA_PER_RE = re.compile(
    rf"(?<=..)(?:为|是)(?:{trie_alternation(PHRASE.per_markers)})(?P<per>[\u4e00-\u9fff]{{1,4}})$"
)
PER_HEADS = tuple(PHRASE.per_heads)
VERB_ADVERBS = tuple(PHRASE.verb_adverbs)
PAID_ACTIVITY_TAGS = frozenset(PHRASE.paid_activity_tags)
GRANTING_VERBS = frozenset(PHRASE.granting_verbs)
RECIPIENT_PER_MARKERS = tuple(PHRASE.recipient_per_markers)
RECIPIENT_NOUNS = tuple(PHRASE.recipient_nouns)
TOTAL_ADVERBS = tuple(PHRASE.total_adverbs)
# 每亩奖补, 企业的当年奖补, 另奖补: per-words and adverbs glued before the last word of a window
_GLUE = trie_alternation([*PHRASE.per_markers, *PHRASE.verb_adverbs])
GLUED_VERB_RE = re.compile(rf"^(?P<head>.*)(?P<glue>的?(?:{_GLUE})+)(?P<rest>[\u4e00-\u9fff]{{2,12}})$")
# A length glued to a dimension word measures the noun after it (1米高防护网, 2米宽的人行路面).
# …and past the other dimensions of the same thing (3米宽3公里长的通组公路, 4米宽、0.2米厚的硬化路面).
# …and past a bound glued after the dimension (500米长以上路基完善的组级公路).
DIMENSION_AFTER_RE = re.compile(
    r"[高宽长深厚](?:[、，,]?[0-9.]+(?:米|公里|千米|厘米|毫米|cm|m|km)[高宽长深厚])*"
    rf"(?:{trie_alternation(PHRASE.dimension_bounds)})?的?"
)
# Trailing words are matched on the reversed text, from its start: one match, not a search.
TRAIL_REVERSED_RE = re.compile(rf"(?:{trie_alternation(w[::-1] for w in _TRAILS)}|[、，,\s])+")
TEMPORAL_TAILS = tuple(PHRASE.temporal_tails)
PURPOSE_RE = re.compile(trie_alternation(PHRASE.purpose_words))
COMMA_PURPOSE_RE = re.compile(rf"[，,](?:{trie_alternation(PHRASE.comma_purpose_words)})")
USE_RE = re.compile(rf"[，,]?(?:{trie_alternation(PHRASE.comma_purpose_words)})")
TOPIC_UNITS = frozenset(PHRASE.topic_units)
WAY_MEASURES = frozenset(PHRASE.way_measures)
INCLUSION_WORDS = frozenset(PHRASE.inclusion_words)
DISTANCE_LEADS = tuple(PHRASE.duration_distances)
DISTANCE_WORDS = frozenset(PHRASE.distance_words)
PART_NOUNS = frozenset(PHRASE.part_nouns)
EXCEEDING_VERBS = tuple(PHRASE.exceeding_verbs)
ONE_OF_LIST = tuple(PHRASE.one_of_list)
TO_COMPLEMENTS = frozenset(PHRASE.to_complements)
LOCATION_MARKS = tuple(sorted(PHRASE.location_marks, key=len, reverse=True))  # 远处 before 处
SPOT_NOUNS = tuple(sorted(PHRASE.spot_nouns, key=len, reverse=True))
PLACE_MARKS = tuple(PHRASE.place_marks)
SUPERLATIVE_MARKS = tuple(PHRASE.superlative_marks)
# 往东边1.5公里有…: a heading ending the window before a length, and a verb of being there after it
HEADING_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.heading_prepositions)})(?:{trie_alternation(PHRASE.heading_directions)})"
    rf"(?:{trie_alternation(PHRASE.heading_sides)})?[约近]?$"
)
HEADING_VERBS = tuple(sorted(PHRASE.heading_verbs, key=len, reverse=True))
# 在距…小学不足3公里处，设有…: a distance opening its clause, from the place after the lead
SITED_RE = re.compile(
    rf"^(?:{trie_alternation(PHRASE.sited_openings)})?"
    rf"(?:{trie_alternation(LINKING.carried.distance_leads + LINKING.carried.leave_leads)})[^，,。；;]+[约近]?$"
)
SITED_VERB_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.sited_adverbs)})?(?:{trie_alternation(PHRASE.sited_verbs)})"
)
GLOSS_CHARGE_ENDS = tuple(PHRASE.gloss_charge_ends)
PART_LEVELS = frozenset(PHRASE.part_levels)
PART_TAGS = frozenset(PHRASE.part_tags)
COUNTERPART_TAGS = frozenset(PHRASE.counterpart_tags)
# 其中省级, 其中二楼, 其中一期: the part a number after 其中 counts, the opener kept apart
PART_RE = re.compile(rf"^(?:{trie_alternation(PHRASE.part_openers)})[，,]?(?P<part>[^，,。；;\s]{{1,6}})$")
PART_FLOOR_RE = re.compile(rf"[0-9{ONE_TO_NINE}{TEN}]+(?:{trie_alternation(PHRASE.part_floor_units)})")
# 平峰为, 特殊情况不得: a scope alone before a number, with a copula or trailing words after it
# 高峰期平均发车时间: the hours of a day a measure holds in, opening its name (trims.without_hour_scope)
HOUR_SCOPE_RE = re.compile(rf"^(?:{trie_alternation(PHRASE.hour_scopes)})(?=[^\W\d_]{{2}})")
# 该线路高峰时段的发车间隔: the same hours after a way or line that owns the measure (trims.without_hour_scope)
HOUR_SCOPE_AT_RE = re.compile(rf"(?:{trie_alternation(PHRASE.hour_scopes)})的?(?=[^\W\d_]{{2}})")
# 从第一次登记之日起: the day of an event a number after it ranks, ending its name (trims.without_day_frame)
DAY_FRAME_RE = re.compile(rf"(?<=..)(?:{trie_alternation(PHRASE.day_frames)})$")
# 日均车流量左转: a case ending a name whose number the next case follows (trims.without_case)
SCOPE_TRAIL_RE = re.compile(rf"(?<=[^\W\d_]{{2}})(?:{trie_alternation(PHRASE.scope_words)})$")
# 由西往东左转日均流量: a case inside a name, the measure after it (trims.without_case)
SCOPE_AT_RE = re.compile(rf"(?:{trie_alternation(PHRASE.scope_words)})(?=[^\W\d_]{{2}})")
# ，直行3600余台次: the next case of a list glued to its number, right after a number
NEXT_SCOPE_RE = re.compile(
    rf"[，,、；;](?:{trie_alternation(PHRASE.scope_words)})(?:{trie_alternation(PHRASE.scope_trails)})*"
    rf"(?=[\d{ONE_TO_NINE}{TEN}两约近])"
)
SCOPE_RE = re.compile(
    rf"^(?:{trie_alternation(PHRASE.scope_words)})(?:{trie_alternation(PHRASE.scope_trails)})*$"
)
BASE_MARKERS_END_RE = re.compile(rf"(?:{trie_alternation(PHRASE.base_markers)})$")
# 40%比例的男生, 70%的比例予以发放: a bare share glued after a percentage, and the 的 after it
SHARE_RE = re.compile(rf"的?(?:{trie_alternation(PHRASE.share_nouns)})(?P<tied>的)?")
# 按60㎡/人计算, 按4万元每人标准: a verb of reckoning right after the number, past a per-word
RECKONING_VERBS = frozenset(PHRASE.reckoning_verbs)
COLLECTING_VERBS = tuple(PHRASE.collecting_verbs)
RECKONING_RE = re.compile(rf"(?:{trie_alternation(PHRASE.per_markers)})?(?:{trie_alternation(PHRASE.reckoning_verbs)})")
WAY_HEADS = tuple(PHRASE.way_heads)
WAY_BOUNDS = tuple(PHRASE.way_bounds)
WAY_COPULAS = tuple(PHRASE.way_copulas)
# 望岳路为…, 该路位于…, 林高路西起…: the noun phrase opening a clause before a way copula
WAY_TOPIC_RE = re.compile(
    r"^([^，,。；;：:（(“”\s]{2,16}?)(?:（[^（）]{0,30}）|\([^()]{0,30}\))?"
    rf"(?:{trie_alternation(PHRASE.way_copulas)})"
)
TOPIC_TOTALS = frozenset(PHRASE.topic_totals)
# 和美华庭是…, 银港佳园项目（…）位于…: the noun phrase opening a clause before a topic copula
TOPIC_RE = re.compile(
    r"(?:^|(?<=[，,：:。\s]))([^，,。；;：:（(“”\s]{2,12}?)(?:（[^（）]{0,20}）)?"
    rf"(?:{trie_alternation(PHRASE.topic_copulas)})"
)
REACHING_ORDINALS = frozenset(PHRASE.reaching_ordinals)
JOINING_VERBS = frozenset(PHRASE.joining_verbs)  # 参加城镇社会保险满一年: the scheme lasts
REACHING_DEMONSTRATIVES = tuple(PHRASE.reaching_demonstratives)
# 总量在全国 → 总量 (scope 全国); not 现在, 存在, 所在, 正在, nor 在园幼儿 (locative_blocked)
# 在全市的城区中: a place group alone, the scope of what follows it (a rank's field), no name
WITHIN_GROUP_RE = re.compile(
    rf"在(?!{trie_alternation(w[1:] for w in PHRASE.locative_blocked)})(?P<scope>.{{1,12}}?)(?:之中|中|内|里)"
)
LOCATIVE_RE = re.compile(
    rf"^(?P<head>.+?)(?<![现存所正实])在(?!{trie_alternation(w[1:] for w in PHRASE.locative_blocked)})"
    r"(?P<scope>.{1,10}?)(?:中|内|里|之中)?$"
)
# 在早晚高峰期发车间隔: a time of `locative_times` (up to two characters qualifying it), and the noun after it.
LOCATIVE_TIME_RE = re.compile(
    rf"[^\W\d_]{{0,2}}?(?:{trie_alternation(PHRASE.locative_times)})的?(?P<rest>[^\W\d_]{{2,}})"
)
# After the number: 的/内的 first, an optional modifier (已建成), then the noun itself —
# letters or quoted names, up to a stop word, a verb (个人荣获), a digit or punctuation.
# The verb test starts at the second character, so 改造项目 stays whole.
_AFTER_STOP = trie_alternation([*PHRASE.after_stops, *PHRASE.after_predicates, *(w for w in CHANGES if len(w) > 1)])
_AFTER_LEAD = trie_alternation([*PHRASE.after_lead_stops, *(w for w in CHANGES if len(w) > 1)])
_AFTER_UNIT = r"“[^”]{1,16}”|《[^》]{1,24}》"
# 在编安监人员, 在校学生: 在 opening a state, not a place, may open the noun after a count
IN_STATES = tuple(PHRASE.locative_blocked)
_IN_STATE = trie_alternation(IN_STATES)
# 3种可能: a noun a stop opens, kept where it ends the phrase (not 3个可能影响工期的因素)
_KEPT_LEAD = rf"(?:{trie_alternation(PHRASE.after_lead_kept)})(?![^\W\d_])"
# 63个纳入计划的美丽乡村建设村: a verb of `modifier_verbs` a 的 follows in the clause opens the
# clause modifying the noun counted, although it may be a lead stop (a verb of change)
_MODIFIER_LEAD = rf"(?:{trie_alternation(PHRASE.modifier_verbs)})[^\W\d_]{{0,12}}?的"
_AFTER_PREFIX = rf"(?:(?:以|之)?内)?的?(?:{trie_alternation(PHRASE.after_modifiers)})?"
_AFTER_TAIL = rf"(?:{_AFTER_UNIT}|(?!{_AFTER_STOP}|(?:和|及|与|或)[0-9０-９{ONE_TO_NINE}{TEN}两])[^\W\d_])"
AFTER_RE = re.compile(
    rf"""
    {_AFTER_PREFIX}
    (?:(?={_IN_STATE}|{_KEPT_LEAD}|{_MODIFIER_LEAD})|(?!{_AFTER_LEAD}))
    (?P<np>
      (?:{_AFTER_UNIT}|[^\W\d_])
      {_AFTER_TAIL}{{0,19}}
    )
    """,
    re.VERBOSE,
)
# The same pieces alone: where the noun after a number starts (past 的 and a modifier), and
# how it runs on past a jieba noun that holds a stop word (重点对象, 方向, 时间段).
AFTER_PREFIX_RE = re.compile(_AFTER_PREFIX)
# a name read after a number that a stop opens (a modifier verb's clause let through: 列入规划)
AFTER_LEAD_RE = re.compile(_AFTER_LEAD)
AFTER_STOP_WORDS = frozenset([*PHRASE.after_stops, *PHRASE.after_lead_stops])
AFTER_TAIL_RE = re.compile(rf"{_AFTER_TAIL}*")
# 耕地占用税: a compound tail after a verb a stop word opens, ending the letters (after_stop_compound_tails).
STOP_COMPOUND_TAIL_RE = re.compile(rf"(?:{trie_alternation(PHRASE.after_stop_compound_tails)})(?![^\W\d_])")
# 人才项目实施细则: a regulation a stop word opens, one noun after a count of documents (regulation_tails).
REGULATION_TAIL_RE = re.compile(rf"(?:{trie_alternation(PHRASE.regulation_tails)})$")
# 已建至地上10层, 加建至5层: a verb of building up to a storey ending a name; the building is its subject
BUILT_TO_RE = re.compile(
    rf"(?:{trie_alternation(PHRASE.built_to_leads)})?(?:{trie_alternation(PHRASE.built_to_verbs)})"
    rf"(?:{trie_alternation(PHRASE.built_to_marks)})(?:{trie_alternation(PHRASE.built_to_parts)})?$"
)
COUNT_LIST_JOINS = frozenset(PHRASE.count_list_joins)
REGULATION_ITEM_UNITS = frozenset(PHRASE.regulation_item_units)
