"""The records dafu produces: one frozen pydantic model per record type.

These models are the single source of truth for field names, types and meanings; the
tables, the exports and the JSON Schemas in ``schemas/`` are derived from them.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

QuantityType = Literal[
    "count", "money", "percent", "ratio", "rank", "number",
    "area", "length", "weight", "volume", "energy", "power", "speed", "temperature",
    "duration", "date", "period", "time", "set", "phone",
]
Qualifier = Literal["exact", "approx", "gt", "ge", "lt", "le"]
Change = Literal["increase", "decrease", "target"]
#: What the quantity's clause asserts about it at the document date (gold README, "Status").
Status = Literal["achieved", "ongoing", "planned", "rule", "requested", "none"]

QUANTITY_TYPES: tuple[str, ...] = QuantityType.__args__  # type: ignore[attr-defined]
QUALIFIERS: tuple[str, ...] = Qualifier.__args__  # type: ignore[attr-defined]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


M = TypeVar("M", bound=BaseModel)

#: Validate the records :func:`built` builds (``model(**fields)``): tests switch it on to
#: compare the pipeline's outputs both ways.
VALIDATE_BUILT = False


def built(model: type[M], /, **fields: Any) -> M:
    """``model(**fields)`` without pydantic's validation, for a record the pipeline itself builds
    from values already of its fields' types (an ``int`` offset, a ``Decimal`` amount, a label
    that is one of the literal's): a quantity in 60 % of the time, an entity in half, tens of
    thousands of them in a batch. Nothing is converted or checked, so a record made from a
    reader's or a user's values must be validated instead (``model(**fields)``).

    A field that is not the model's, a required field missing, or a model whose defaults are
    made by a factory goes through validation, which says what is wrong. The defaults are
    those validation fills in, and the fields set are those given, so that the record equals
    the validated one (tests/test_records.py checks this over texts, with :data:`VALIDATE_BUILT`).
    """
    shape = _shape(model)
    if shape is None or VALIDATE_BUILT:
        return model(**fields)
    defaults, required = shape
    data = {**defaults, **fields}  # the fields in the model's order, as validation makes them
    if len(data) != len(defaults) or not required <= fields.keys():
        return model(**fields)
    return _assembled(model, data, set(fields))


@functools.cache
def _shape(model: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str]] | None:
    """The model's fields with their defaults, and its required fields; None when a default is
    made by a factory or could be changed (validation gives each record its own)."""
    fields = model.model_fields
    if any(f.default_factory is not None or type(f.default) not in _IMMUTABLE for f in fields.values()):
        return None
    return {name: f.default for name, f in fields.items()}, frozenset(n for n, f in fields.items() if f.is_required())


_IMMUTABLE = frozenset({type(None), str, int, float, bool, Decimal, type(PydanticUndefined)})


def whole(model: type[M], data: dict[str, Any], given: frozenset[str]) -> M:
    """:func:`built` for a caller that has every field of ``model`` in ``data``, in the model's order,
    the others than ``given`` (the fields set) at their defaults: no keywords to pack and merge
    with the defaults, for records made by the ten thousand (the sentences and paragraphs of a
    batch: 1.5 µs a sentence, where :func:`built` takes 2.5 and validation 3.2)."""
    if VALIDATE_BUILT:
        return model(**{name: data[name] for name in given})
    return _assembled(model, data, set(given))


def _assembled(model: type[M], data: dict[str, Any], fields_set: set[str]) -> M:
    """A record of ``model`` with the fields ``data``, as pydantic sets them, without validation."""
    new = _new(model)
    _set_dict(new, data)  # frozen: only here, while the record is made
    _set_fields_set(new, fields_set)
    _set_extra(new, None)
    _set_private(new, None)
    return new


# BaseModel's slots, set through their descriptors: no lookup of the name per record (a
# record is assembled ~150 times a document: quantities, entities and their copies). The
# dict too: ``object.__setattr__(new, "__dict__", data)`` and ``model.__new__`` (a look-up
# through the model's metaclass) took three quarters of a record's 1 µs. No record model
# defines ``__new__`` (tests/test_records.py checks it): ``object.__new__`` is what
# ``model.__new__`` finds.
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def copied(record: M, update: dict[str, Any]) -> M:
    """``record.model_copy(update=update)`` for a record without private attributes, in half
    the time (``model_copy`` copies each of its internal dicts through ``copy.copy``): the
    linking and status stages copy every quantity. As with ``model_copy``, ``update`` is not
    validated."""
    return _assembled(record.__class__, {**record.__dict__, **update},
                      record.__pydantic_fields_set__ | update.keys())


class Quantity(_Record):
    """One quantity mention, e.g. ``超6家`` → count 6 家, qualifier ``gt``.

    ``value`` is the canonical text of the value for every type (``"6"``,
    ``"200000000"``, ``"2024-06"``, ``"P3Y"``, ``"82918474"``); ``amount`` is the same
    number as an exact ``Decimal`` for the numeric types. A range has ``value`` null and
    ``low``/``high`` set.
    """

    type: QuantityType
    text: str = Field(description="original[start:end]")
    start: int = Field(ge=0, description="offset into the original text (inclusive)")
    end: int = Field(ge=0, description="offset into the original text (exclusive)")
    value: str | None = Field(default=None, description="canonical value: decimal, ISO date/interval/duration, digits")
    amount: Decimal | None = Field(default=None, description="exact numeric value in the base unit")
    unit: str | None = Field(default=None, description="base unit (CNY, m2, kg, %, pp) or the classifier")
    qualifier: Qualifier = "exact"
    low: Decimal | None = None
    high: Decimal | None = None
    per: str | None = Field(default=None, description="denominator of a rate as written (月, 户, 平米)")
    of: str | None = Field(default=None, description="the thing measured or counted")
    scope: str | None = Field(default=None, description="the field a rank is taken in (全市, 全国)")
    predicate: str | None = Field(default=None, description="the verb that makes the claim (引入, 提升至)")
    change: Change | None = Field(default=None, description="increase, decrease or target, when the sentence says so")
    status: Status | None = Field(default=None, description="what its clause asserts: achieved (done, existing), "
                                  "ongoing (under way), planned (promised, targeted, forecast), rule (a policy's "
                                  "parameter, a rate, a threshold), requested (the request's own, or conditional), "
                                  "none (about the document: its date, phones)")
    status_cue: str | None = Field(default=None, description="the word or rule that decided status (已, 将, 标准, "
                                   "per, 以上, date<ref, default)")
    deadline_id: str | None = Field(default=None, description="for a planned quantity, the quantity_id of the date "
                                    "or period bounding it in its clause (到2025年 for 70%)")
    number_text: str | None = Field(default=None, description="the number as written")
    unit_text: str | None = Field(default=None, description="the unit as written")
    date_start: dt.date | None = Field(default=None, description="first day a date or period covers")
    date_end: dt.date | None = Field(default=None, description="last day a date or period covers")
    resolved: bool = Field(True, description="False when a relative date had no reference date")
    sentence_id: str | None = Field(default=None, description="the sentence it stands in (t12, ct1)")
    section_id: str | None = Field(default=None, description="the innermost outline section (s2.1), header or closing")


#: The fields :func:`whole` is given for a quantity as the finders make it: all but those the
#: linking and status stages set later.
QUANTITY_GIVEN = frozenset(Quantity.model_fields) - {"of", "predicate", "change", "status", "status_cue", "deadline_id"}


class Document(_Record):
    """What dafu knows about one text: the original and what was found in it."""

    text: str = Field(description="the original text; every offset indexes it")
    ref_date: dt.date | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    meta: Meta | None = Field(default=None, description="header and signature metadata")
    sections: list[Section] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="where the file's reader had to guess, one "
                                "line each (a batch makes them problems rows of kind warning)")
    reply: Reply | None = Field(default=None, description="what the reply does with the request")
    citations: list[Citation] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list, description="the promised actions, one per clause")


# --- Document structure: header metadata and outline (pipeline.structure) ---------------

DocKind = Literal["提案答复", "建议答复", "留言答复", "other"]
DateSource = Literal["signature", "header", "page"]
OutlineStyle = Literal["cn", "cn_paren", "num", "num_paren", "circled", "cn_shi"]
SectionKind = Literal["header", "outline", "closing"]

DOC_KINDS: tuple[str, ...] = DocKind.__args__  # type: ignore[attr-defined]
# Replies to a CPPCC proposal or a deputy's suggestion: the kinds with a 主办/会办 role and a proposal title.
PROPOSAL_KINDS: tuple[DocKind, ...] = ("提案答复", "建议答复")
OUTLINE_STYLES: tuple[str, ...] = OutlineStyle.__args__  # type: ignore[attr-defined]
SECTION_KINDS: tuple[str, ...] = SectionKind.__args__  # type: ignore[attr-defined]


class Meta(_Record):
    """What the header, salutation and signature state; a field not stated is None.

    e.g. ``尊敬的张立勤委员：`` → ``addressee="张立勤"``, ``addressee_role="委员"``.
    """

    title: str | None = Field(default=None, description="the title line (关于…的答复)")
    doc_kind: DocKind = Field(default="other", description="提案答复, 建议答复, 留言答复 or other")
    body: str | None = Field(default=None, description="the body the proposal went to (区政协, 市人大)")
    session: str | None = Field(default=None, description="the session as written (六届四次会议)")
    proposal_no: str | None = Field(default=None, description="the proposal or suggestion number as written")
    addressee: str | None = Field(default=None, description="the person or handle addressed")
    addressee_role: str | None = Field(default=None, description="委员, 代表, 网友 …")
    proposal_title: str | None = Field(default=None, description="the title of the proposal answered, as quoted")
    agency: str | None = Field(default=None, description="the replying agency of the signature")
    date: dt.date | None = Field(default=None, description="the reply's date: the signature's, else the header's, "
                                                            "else the page's date field (发布日期)")
    date_source: DateSource | None = Field(default=None,
                                           description="where date was read: signature, header or page")
    contact_unit: str | None = Field(default=None, description="the contact office (联系人：集群发展科)")
    contact_person: str | None = Field(default=None, description="the contact person named")
    contact_phone: str | None = Field(default=None, description="the contact's phone, digits only (0739—7222109 → "
                                                                 "07397222109)")
    reply_category: str | None = Field(default=None, description="A, B, C or D (答复类别)")
    cc: str | None = Field(default=None, description="抄送 as written")
    doc_id: str | None = Field(default=None, description="the document's key in every table")
    source_path: str | None = Field(default=None,
                                    description="the file it was read from, relative to the input root "
                                                "(recorded in OUT/dafu-run.json)")
    format: str | None = Field(default=None, description="txt, md, docx, doc, wps, pdf, ofd, html or image")
    encoding: str | None = Field(default=None, description="the encoding a text file was decoded with")
    ocr: bool | None = Field(default=None, description="true when some of its text was recognised from page "
                                                      "images (a scanned PDF or image, dafu[ocr]); null for a "
                                                      "text given directly")
    ocr_confidence: float | None = Field(default=None, description="OCR's mean confidence (0-1) over the "
                                                                   "characters it recognised; null without OCR")


class Section(_Record):
    """One node of the outline (``一、``, ``（一）``, ``1.``, ``（1）``, ``①``, ``一是``), or the
    lines before or after the body: the ``header`` (title, number, salutation) and the
    ``closing`` (agency, date, contact, 抄送), which have no marker.

    ``start``/``end`` cover the marker through the end of the node's content; for the header
    and closing, their first line through their last.
    """

    id: str = Field(description="s1, s1.2 … (position among siblings, not the number written), or header, closing")
    kind: SectionKind = Field(default="outline",
                              description="header (title, salutation), outline or closing (signature, date, contact)")
    parent_id: str | None = None
    level: int = Field(ge=1, description="depth in the outline, 1 for top-level sections, the header and the closing")
    style: OutlineStyle | None = Field(
        default=None, description="the marker's style (cn, cn_paren …); null for the header and closing")
    marker: str | None = Field(default=None, description="the marker as written (一、, （一）, 1., 一是)")
    number: str | None = Field(default=None, description="the bare number as written (一, 1)")
    ordinal: int | None = Field(default=None, ge=0, description="the number's value")
    heading: str | None = Field(default=None, description="the text after the marker through its first sentence end")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Paragraph(_Record):
    """One paragraph of the body, or one line of the header or closing (their own ids)."""

    id: str = Field(description="p1, p2 … in the body; hp1 … in the header, cp1 … in the closing")
    parent_id: str | None = Field(default=None, description="the innermost section holding its start")
    text: str = Field(description="original[start:end]")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Sentence(_Record):
    """One sentence; never crosses a paragraph; a quoted passage “…” stays whole."""

    id: str = Field(description="t1, t2 … in the body; ht1 … in the header, ct1 … in the closing")
    parent_id: str = Field(description="the paragraph id")
    section_id: str | None = Field(default=None, description="the innermost section holding its start")
    text: str = Field(description="original[start:end]")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1, description="the 1-based page it starts on in a paged format "
                                                             "(PDF, scan); null for formats without pages")


#: The fields :func:`whole` is given for a paragraph, and for a sentence of a text without pages.
PARAGRAPH_GIVEN = frozenset(Paragraph.model_fields)
SENTENCE_GIVEN = frozenset(Sentence.model_fields) - {"page"}


class Structure(_Record):
    """What :func:`pipeline.structure.parse` returns."""

    meta: Meta
    sections: list[Section] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)


# --- The reply as a whole (pipeline.reply) ---------------------------------------------------

Outcome = Literal["solved", "in_progress", "reference", "declined", "explained", "referred"]
Handling = Literal["lead", "co", "unknown"]
CitationKind = Literal["law", "regulation", "plan", "document", "number", "other"]

#: The outcomes in order, from the most to the least the requester got.
OUTCOMES: tuple[str, ...] = Outcome.__args__  # type: ignore[attr-defined]
CITATION_KINDS: tuple[str, ...] = CitationKind.__args__  # type: ignore[attr-defined]


class Evidence(_Record):
    """A sentence that decided a reply's outcome or commitment, and the cue words read in it."""

    decides: Literal["outcome", "commitment"]
    sentence_id: str
    cues: list[str] = Field(default_factory=list)


class Reply(_Record):
    """What a reply does with the request, e.g. ``B类`` → outcome ``in_progress``, commitment 5.

    ``outcome`` is the printed category's outcome where one is printed, else read from the
    text's cue words (``pipeline/resources/reply.toml``); ``relevance`` is a lexical
    measure of overlap with the request, not a verdict on the reply.
    """

    outcome_stated: str | None = Field(default=None,
                                       description="the handling category as printed (A类, B, 甲类, 已采纳)")
    outcome_scheme: str | None = Field(default=None, description="the scheme it belongs to: ABCD, 甲乙丙 or adoption")
    outcome: Outcome = Field(description="solved, in_progress, reference, declined, explained or referred")
    commitment: int = Field(ge=1, le=5, description="5 concrete, 4 vague, 3 neutral, 2 constrained, 1 rejected or "
                                                    "deflected")
    referral: bool = Field(description="the reply says the matter belongs to another body or was handed on")
    handling: Handling = Field(description="lead (主办), co (会办/协办) or unknown (replies to citizens)")
    evidence: list[Evidence] = Field(default_factory=list)
    n_quantities: int = Field(0, ge=0, description="quantities in the body")
    n_achieved: int = Field(0, ge=0, description="quantities in the body with status achieved")
    n_ongoing: int = Field(0, ge=0, description="quantities in the body with status ongoing")
    n_planned: int = Field(0, ge=0, description="quantities in the body with status planned")
    n_rule: int = Field(0, ge=0, description="quantities in the body with status rule")
    n_requested: int = Field(0, ge=0, description="quantities in the body with status requested")
    n_none: int = Field(0, ge=0, description="quantities in the body with status none")
    n_promises: int = Field(0, ge=0, description="promised actions: the document's commitments rows")
    n_promises_dated: int = Field(0, ge=0, description="commitments with a deadline (deadline_id set)")
    n_citations: int = Field(0, ge=0, description="titles 《…》 and document numbers cited")
    n_laws: int = Field(0, ge=0, description="citations of kind law or regulation")
    n_points: int = Field(0, ge=0, description="numbered points of the outline (一、 （一） 1. 一是)")
    contact_given: bool = Field(False, description="a contact person or phone is given")
    boilerplate_share: float = Field(0.0, ge=0, le=1, description="share of the body's characters in set formulae")
    days_to_reply: int | None = Field(default=None, description="reply date minus the request's date (request_date)")
    relevance: float | None = Field(default=None, ge=0, le=1,
                                    description="TF-IDF cosine of reply and request words (request_text); "
                                                "a measure, not a verdict")


class Citation(_Record):
    """A title or document number the reply cites, e.g. ``《中华人民共和国土地管理法》`` → law."""

    id: str = Field(description="c1, c2 … in text order")
    text: str = Field(description="original[start:end]: the title with its brackets, or the number")
    title: str | None = Field(default=None, description="the title without 《》")
    number: str | None = Field(default=None, description="a document number as written (郴价费〔2012〕2号)")
    kind: CitationKind = Field(description="law, regulation, plan, document, number or other (read from the "
                                           "title's last words)")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_id: str | None = Field(default=None, description="the sentence it stands in")


CommitmentScale = Literal["concrete", "vague"]


class Commitment(_Record):
    """A promised action, one per clause, e.g. ``下一步，我局将于2024年底前完成改造`` → cue ``将``,
    verb ``完成``, object ``改造``, deadline the date ``2024年底``, scale ``concrete``.

    ``quantity_ids`` are the clause's quantities of status planned; ``entity_id`` the GOV or
    ORG entity standing as the clause's subject, else null and ``replier_assumed`` true.
    """

    id: str = Field(description="k1, k2 … in text order")
    sentence_id: str = Field(description="the sentence it stands in")
    text: str = Field(description="original[start:end]: the clause of the promise")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    cue: str = Field(description="the promise word (将, 计划, 拟, 下一步, 力争 …)")
    verb: str | None = Field(default=None, description="the two characters after the cue, its adverbs and dates "
                             "(完成, 加强); null when none stand there")
    object: str | None = Field(default=None, description="the rest of the clause after the verb (改造工程)")
    quantity_ids: list[str] = Field(default_factory=list, description="the clause's planned quantities (q3, q5)")
    deadline_id: str | None = Field(default=None, description="the quantity_id of the date or period bounding it")
    entity_id: str | None = Field(default=None, description="the GOV or ORG entity that is the clause's subject")
    replier_assumed: bool = Field(description="no entity is the subject: the replying agency is taken to promise")
    scale: CommitmentScale = Field(description="concrete (a deadline word, a date or a planned figure) or vague "
                                               "(加强, 研究 … without how or when)")


# --- Entities, tokens and the batch's own records ----------------------------------------

EntityLabel = Literal["GOV", "ORG", "LOC", "PROGRAM", "PERSON"]
ProblemStage = Literal["read", "extract", "tables", "metadata"]
ProblemKind = Literal["error", "warning", "metadata"]
ManifestStatus = Literal["processed", "unchanged", "problem", "skipped"]

ENTITY_LABELS: tuple[str, ...] = EntityLabel.__args__  # type: ignore[attr-defined]


class Entity(_Record):
    """A named thing in the text, e.g. ``福田区科技和工业信息化局`` → ``GOV``."""

    id: str = Field(description="e1, e2 …")
    label: EntityLabel = Field(description="GOV agency, ORG organisation, LOC place, PROGRAM programme or fund, PERSON")
    text: str = Field(description="original[start:end]")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence_id: str | None = Field(default=None, description="the sentence it stands in (t12)")


#: The fields :func:`whole` is given for an entity: all of them.
ENTITY_GIVEN = frozenset(Entity.model_fields)


class Token(_Record):
    """One word of jieba's segmentation, e.g. ``概念验证中心`` with POS ``nz``.

    The texts of a document's tokens, joined in order, are the document's text.
    """

    i: int = Field(ge=0, description="position in the document, from 0")
    text: str = Field(description="original[start:end]")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    pos: str | None = Field(default=None, description="jieba's part-of-speech tag (n, v, ns, m, x …)")
    sentence_id: str | None = Field(default=None, description="the sentence it falls in; None between sentences")


class Problem(_Record):
    """A file the batch could not turn into rows, a guess a reader had to make, or a sidecar
    row without a file, and why: e.g. ``kind="warning"``, ``stage="read"``,
    ``reason="HTML: prose outside the article dropped"``."""

    path: str = Field(description="the input file")
    doc_id: str | None = Field(default=None, description="the id the document would have had")
    stage: ProblemStage = Field(description="read (file), extract (the pipeline), tables (its rows) "
                                            "or metadata (a sidecar row without a file, a file without a row)")
    reason: str = Field(description="one line, e.g. 'empty file'")
    kind: ProblemKind = Field(default="error", description="error (the file has no rows), warning (its rows "
                                                          "are there, but the reader had to guess) or metadata")


class ManifestEntry(_Record):
    """One entry of the inputs of a batch: its digest and what became of it (a folder not entered is one row)."""

    path: str
    doc_id: str | None = None
    sha256: str | None = Field(default=None, description="hex digest of the file's bytes")
    size: int | None = Field(default=None, ge=0, description="bytes")
    status: ManifestStatus = Field(description="processed, unchanged (rows kept from the previous run), problem, "
                                               "or skipped (not read: hidden, excluded, not a format dafu reads)")
    reason: str | None = Field(default=None, description="why, for a problem or a skipped entry")


Document.model_rebuild()
