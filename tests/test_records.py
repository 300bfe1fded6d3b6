"""records.built: a record built without validation equals the validated one."""

from __future__ import annotations

import json
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import pipeline
from pipeline import records
from pipeline.records import Document, Entity, Paragraph, Quantity, Sentence, built, whole

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora-external"
TEXTS = [
    "截至2024年6月，我区已引入超6家央企研发中心，投入资金约2.5亿元，占比达30%。",
    "深圳市福田区科技和工业信息化局将于2025年底前完成改造，联系电话：0755-82918474。",
    "面积由1200平方米增至1500平方米，增长25个百分点，每户每月补贴300元。",
]


def _sample() -> list[str]:
    """The texts above, and when ../shared is there every 50th citizen reply and two work reports."""
    texts = list(TEXTS)
    for name, step, limit in (("tipdm2020-gov-replies/replies.jsonl", 50, 60),
                              ("lawtext-gov-work-reports/gov_work_reports.jsonl", 37, 2)):
        path = SHARED / name
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["text"] for line in islice(lines, 0, None, step)][:limit]
    return texts


def _records(doc: Document) -> list[BaseModel]:
    return [doc, *doc.quantities, *doc.entities, *doc.sentences, *doc.sections, *doc.paragraphs]


def _same(a: BaseModel, b: BaseModel) -> None:
    """Equal, with the same fields set, and each field's value of the same type (``6 == Decimal(6)``)."""
    assert type(a) is type(b)
    assert a == b
    assert a.__pydantic_fields_set__ == b.__pydantic_fields_set__
    assert list(a.__dict__) == list(b.__dict__)
    for name, value in a.__dict__.items():
        assert type(value) is type(b.__dict__[name]), (type(a).__name__, name, value)


def test_built_equals_the_validated_record_over_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _sample()
    fast = [pipeline.extract(t, doc_id=f"d{n}") for n, t in enumerate(texts)]
    monkeypatch.setattr(records, "VALIDATE_BUILT", True)
    slow = [pipeline.extract(t, doc_id=f"d{n}") for n, t in enumerate(texts)]
    assert sum(len(d.quantities) for d in fast) > 20 and sum(len(d.entities) for d in fast) > 10
    for a, b in zip(fast, slow, strict=True):
        for ra, rb in zip(_records(a), _records(b), strict=True):
            _same(ra, rb)
        for q in a.quantities:  # and each record is one validation accepts as it is
            _same(q, Quantity(**{k: getattr(q, k) for k in q.__pydantic_fields_set__}))


@pytest.mark.parametrize(("model", "fields"), [
    (Quantity, {"type": "count", "text": "6家", "start": 0, "end": 2, "amount": Decimal(6), "unit": "家"}),
    (Entity, {"id": "e1", "label": "GOV", "text": "区政府", "start": 3, "end": 6}),
    (Sentence, {"id": "t1", "parent_id": "p1", "text": "好。", "start": 0, "end": 2, "page": 1}),
])
def test_built_sets_the_defaults_and_fields_validation_sets(model: type[BaseModel], fields: dict[str, Any]) -> None:
    _same(built(model, **fields), model(**fields))


@pytest.mark.parametrize(("model", "data", "given"), [
    (Sentence, {"id": "t1", "parent_id": "p1", "section_id": None, "text": "好。", "start": 0, "end": 2, "page": None},
     records.SENTENCE_GIVEN),
    (Paragraph, {"id": "p1", "parent_id": None, "text": "好。", "start": 0, "end": 2}, records.PARAGRAPH_GIVEN),
    (Entity, {"id": "e1", "label": "GOV", "text": "区政府", "start": 3, "end": 6, "sentence_id": "t1"},
     records.ENTITY_GIVEN),
    (Quantity, {"type": "money", "text": "约3.5万元", "start": 4, "end": 10, "value": "35000",
                "amount": Decimal(35000), "unit": "CNY", "qualifier": "approx", "low": None, "high": None,
                "per": None, "of": None, "scope": None, "predicate": None, "change": None, "status": None,
                "status_cue": None, "deadline_id": None, "number_text": "3.5", "unit_text": "万元",
                "date_start": None, "date_end": None, "resolved": True, "sentence_id": "t1", "section_id": None},
     records.QUANTITY_GIVEN),
])
def test_whole_is_the_validated_record_of_the_fields_given(model: type[BaseModel], data: dict[str, Any],
                                                           given: frozenset[str]) -> None:
    _same(whole(model, data, given), model(**{name: data[name] for name in given}))


def test_built_validates_what_it_cannot_build_as_given() -> None:
    with pytest.raises(ValidationError):  # a field the model does not have
        built(Entity, id="e1", label="GOV", text="区政府", start=3, end=6, colour="red")
    with pytest.raises(ValidationError):  # a required field missing
        built(Entity, id="e1", label="GOV", text="区政府", start=3)
    doc = built(Document, text="好")  # default factories: validated, each record its own lists
    assert doc.quantities == [] and doc.quantities is not built(Document, text="好").quantities


def test_no_record_model_makes_its_own_instances() -> None:
    """``records._assembled`` makes a record with ``object.__new__``: what ``model.__new__`` is for
    every model of the module (none defines ``__new__``)."""
    models = [m for m in vars(records).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    assert Quantity in models and len(models) > 10
    for model in models:
        assert model.__new__ is object.__new__, model.__name__
