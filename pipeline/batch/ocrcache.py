"""``OUT/dafu-ocr/``: the pages OCR recognised, kept by the file's SHA-256, so that no page is read twice.

OCR is dafu's slow path (seconds per page where a text reply takes milliseconds). A re-run
into the same OUT reads a changed or failed file again — after a time limit, with other
settings, with a newer dafu — and each of its pages already recognised comes from here
instead. A file's pages are written as each is recognised, so a scan that ran out of time
keeps the pages it finished. The record names the engine (:func:`pipeline.readers.ocr.engine_id`):
pages read by another engine, model or resolution are read again.

>>> cache = OcrCache("表格"); cache.get("9f86d0…", 1) is None    # doctest: +SKIP
True
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pipeline.readers.ocr import OcrLine, OcrPage, engine_id

OCR_FOLDER = "dafu-ocr"


class OcrCache:
    """The recognised pages under ``OUT/dafu-ocr/``, one JSON file per input file's SHA-256."""

    def __init__(self, out: str | os.PathLike[str]) -> None:
        self.folder = Path(out) / OCR_FOLDER
        self._engine: str | None = None

    @property
    def engine(self) -> str:
        if self._engine is None:
            self._engine = engine_id()
        return self._engine

    def _file(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def _load(self, key: str) -> dict[str, Any]:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("engine") == self.engine else {}

    def get(self, key: str, page: int) -> OcrPage | None:
        """Page ``page`` of the file whose SHA-256 is ``key``, as recognised before (None if not)."""
        found = self._load(key).get("pages", {}).get(str(page))
        if not isinstance(found, dict):
            return None
        lines = tuple(OcrLine(str(text), float(score), (box[0], box[1], box[2], box[3]))
                      for text, score, box in found.get("lines", []))
        return OcrPage(str(found.get("text", "")), found.get("confidence"), lines)

    def put(self, key: str, page: int, result: OcrPage) -> None:
        """Keep ``result`` as page ``page``; an output folder that cannot be written keeps nothing."""
        data = self._load(key) or {"engine": self.engine, "pages": {}}
        data["pages"][str(page)] = {"text": result.text, "confidence": result.confidence,
                                    "lines": [[line.text, line.confidence, list(line.box)] for line in result.lines]}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # written whole then renamed: a worker killed mid-write, or a twin file's worker, leaves no torn JSON
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.folder, suffix=".tmp",
                                             delete=False) as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(f.name, self._file(key))
        except OSError:
            return
