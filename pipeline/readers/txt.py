"""Plain text (``.txt``, ``.md``): bytes to text with the encoding detected, never guessed blindly.

Order of trust: a byte-order mark; a NUL-byte pattern (UTF-16 without a BOM); strict UTF-8;
strict GB18030 (a superset of GBK and GB2312) — unless that yields many characters outside
GB2312, as Big5 bytes do, when charset-normalizer chooses between GB18030 and Big5 — and
charset-normalizer as the last resort. A candidate found by a BOM, the NUL pattern or
charset-normalizer must also look like text (few control or unexpected characters), so
that binary data is refused instead of decoded into noise.

>>> decode_text("福田".encode("gb18030"), "a.txt")
('福田', 'gb18030')
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from pipeline.errors import ReadError
from pipeline.readers.source import Extracted

# UTF-32 LE comes before UTF-16 LE: its BOM starts with the same two bytes.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Characters a Chinese or Western document plausibly holds. Anything else (C0/C1 controls,
# private use, scripts a byte-swapped UTF-16 produces) counts against a candidate decoding.
_TEXT_RANGES = {
    "ascii": r"\t\n\r\f\x20-\x7e",
    "latin": r"\u00a0-\u024f",  # Latin-1 supplement, Latin extended
    "greek_cyrillic": r"\u0370-\u04ff",  # units and list markers
    "symbols": r"\u2000-\u2bff",  # punctuation, letterlike, arrows, maths, box drawing, enclosed
    "cjk": r"\u2e80-\u9fff",  # radicals, CJK punctuation, kana, bopomofo, extension A, unified
    "hangul": r"\uac00-\ud7af",
    "cjk_forms": r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef",  # compatibility, vertical, full-width
    "cjk_extensions": r"\U00020000-\U0003134f",  # extensions B to G
}
_ODD_CHAR = re.compile(f"[^{''.join(_TEXT_RANGES.values())}]")
_MAX_ODD_SHARE = 0.02
_ASCII = re.compile(r"[\x00-\x7f]+")
_MAX_RARE_SHARE = 0.1  # real GBK text: names such as 镕 or 堃, well under 1 %
_MIN_WIDE_FOR_BIG5 = 40
_GB_OR_BIG5 = ("gb18030", "big5", "big5hkscs")
# The last resort chooses among encodings such documents come in: left free, charset-normalizer
# reads a short German or French text as mac_iceland or cp1250.
_LAST_RESORT = ("big5", "big5hkscs", "shift_jis", "euc_jp", "euc_kr", "cp1252", "cp1251")


def _odd_share(text: str) -> float:
    return len(_ODD_CHAR.findall(text)) / len(text) if text else 0.0


def _looks_like_text(text: str) -> bool:
    return "\x00" not in text and _odd_share(text) <= _MAX_ODD_SHARE


def _decode_bom(data: bytes, path: str) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as e:
                raise ReadError(path, f"undecodable bytes: {name} byte-order mark but {e.reason} "
                                      f"at byte {e.start + len(bom)}") from e
    return None


def _decode_utf16_by_nul(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: ASCII characters (digits, newlines) put a NUL in one byte lane."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # The lane with more NULs wins; CJK characters such as 一 (U+4E00) put a few in the other.
    lanes = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for codec in lanes:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, codec
    return None


def _looks_like_big5(text: str) -> bool:
    """Many non-ASCII characters outside GB2312: what Big5 bytes become when read as GB18030."""
    wide = len(_ASCII.sub("", text))
    if wide < _MIN_WIDE_FOR_BIG5:  # a short text with one rare name proves nothing
        return False
    rare = text.encode("gb2312", errors="replace").count(b"?") - text.count("?")
    return rare > _MAX_RARE_SHARE * wide


def _decode_gb18030(data: bytes) -> tuple[str, str] | None:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if _looks_like_big5(text):
        # Most Big5 byte pairs are valid GBK too, but decode to rare characters and symbols.
        return _decode_guess(data, among=_GB_OR_BIG5) or (text, "gb18030")
    return text, "gb18030"


def _decode_guess(data: bytes, among: tuple[str, ...] = _LAST_RESORT) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(among)).best()
    if best is None:
        return None
    text = str(best)
    return (text, str(best.encoding)) if _looks_like_text(text) else None


def decode_text(data: bytes, path: str, *, suffix: str = ".txt") -> tuple[str, str]:
    """Decode ``data``; return the text (BOM stripped) and the encoding's name."""
    found = _decode_bom(data, path)
    if found is not None:
        if not _looks_like_text(found[0]):
            raise ReadError(path, f"undecodable bytes: a {found[1]} byte-order mark, but no text follows")
        return found
    if b"\x00" in data:
        found = _decode_utf16_by_nul(data)
        if found is None:
            raise ReadError(path, f"binary content (NUL bytes) in a {suffix} file")
        return found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = f"not UTF-8 ({e.reason} at byte {e.start}: {data[e.start:e.start + 1].hex()})"
    found = _decode_gb18030(data) or _decode_guess(data)
    if found is None:
        raise ReadError(path, f"undecodable bytes: {utf8_error}, not GB18030, and no other encoding fits")
    return found


def read_txt(data: bytes, path: str) -> Extracted:
    """Read a ``.txt`` or ``.md`` file's bytes."""
    text, encoding = decode_text(data, path, suffix=PurePath(path).suffix.lower() or ".txt")
    return Extracted(text=text, encoding=encoding)
