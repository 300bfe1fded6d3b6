"""schemas/*.schema.json: generated from the record models and kept up to date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.schema import MODELS, file_name, schema_texts, write_schemas

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_schema_committed_file_is_up_to_date(name: str) -> None:
    path = SCHEMAS / name
    assert path.is_file(), f"{path} is missing: run `dafu schema --write`"
    assert path.read_text(encoding="utf-8") == schema_texts()[name], f"{path} is stale: run `dafu schema --write`"


def test_schema_no_committed_file_without_a_model() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(schema_texts())


def test_schema_names_follow_the_models() -> None:
    assert [file_name(m) for m in MODELS if m.__name__ in ("Quantity", "ManifestEntry")] == [
        "quantity.schema.json", "manifest_entry.schema.json"]


def test_schema_decimal_is_exact_text() -> None:
    schema = json.loads(schema_texts()["quantity.schema.json"])
    assert {"type": "string"} in schema["properties"]["amount"]["anyOf"]
    assert schema["additionalProperties"] is False


def test_schema_texts_are_sorted_with_a_trailing_newline() -> None:
    for text in schema_texts().values():
        assert text.endswith("}\n")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_schema_write_creates_the_folder(tmp_path: Path) -> None:
    paths = write_schemas(tmp_path / "schemas")
    assert {p.name for p in paths} == set(schema_texts())
    assert all(p.read_text(encoding="utf-8") == schema_texts()[p.name] for p in paths)
