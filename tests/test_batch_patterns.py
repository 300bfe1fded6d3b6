"""The engine's compiled patterns kept between processes (pipeline/batch/patterns.py)."""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import pytest

from pipeline.batch import patterns
from pipeline.batch.patterns import cache_file, reused

SOURCES = [
    (r"(?P<num>[0-9零〇一二两三四五六七八九十百千万亿]+)(?P<unit>元|万元|亿元)", 0),
    (r"""
        (?<![0-9])          # not inside a longer number
        (?P<y>[12][0-9]{3})年
        (?:(?P<m>1[0-2]|[1-9])月)?
    """, re.VERBOSE),
    (r"(?i:ttps?://)[!-~]+|(?s:.)", 0),
    (r"[\u4e00-\u9fff]{2,4}(?=办公室|委员会)", re.ASCII),
    (rb"\x00[a-z]+", 0),
]
OWN = (__name__.partition(".")[0],)  # this module's package (or the module itself): its patterns are kept
TEXT = "2024年9月建成，投资2.5亿元、三千万元，HTTPS://a.b 办公室 综合办公室 \x00abc"


def _compile_all() -> list[re.Pattern[str] | re.Pattern[bytes]]:
    re.purge()  # re's own cache would hand back the patterns without compiling them
    return [re.compile(source, flags) for source, flags in SOURCES]


def _behaviour(compiled: list[re.Pattern[str] | re.Pattern[bytes]]) -> list[object]:
    found: list[object] = []
    for p in compiled:
        text = TEXT.encode("utf-8") if isinstance(p.pattern, bytes) else TEXT
        found.append((p.pattern, p.flags, p.groups, dict(p.groupindex),
                      [m.span() for m in p.finditer(text)], [m.groupdict() for m in p.finditer(text)]))
    return found


def test_patterns_cached_compile_gives_re_own_patterns(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    fresh = _behaviour(_compile_all())
    with reused(path, own=OWN) as added:
        first = _behaviour(_compile_all())
    assert len(added) == len(SOURCES) and path.is_file()
    stored = marshal.loads(path.read_bytes())
    for (source, flags), entry in stored.items():  # what re itself makes of each source
        assert entry == patterns._entry(source, flags)
    before = path.stat().st_mtime_ns
    with reused(path, own=OWN) as found:
        second = _behaviour(_compile_all())
    assert fresh == first == second
    assert len(found) == len(SOURCES)
    assert path.stat().st_mtime_ns == before  # nothing new: not written again


def test_patterns_cache_keeps_the_patterns_of_the_last_process_that_added_one(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "patterns.marshal"
    with reused(path, own=OWN):
        _compile_all()
    with reused(path, own=OWN):
        re.purge()
        re.compile("一个进程的两个块")
    assert len(marshal.loads(path.read_bytes())) == len(SOURCES) + 1  # one process: its blocks' patterns
    monkeypatch.setattr(patterns, "_KNOWN", {})  # another process
    monkeypatch.setattr(patterns, "_USED", {})
    with reused(path, own=OWN):
        re.purge()
        re.compile("新的模式")
        re.compile(*SOURCES[0])
    assert set(marshal.loads(path.read_bytes())) == {("新的模式", 0), SOURCES[0]}


def test_patterns_other_libraries_patterns_are_left_to_re(tmp_path: Path) -> None:
    path = tmp_path / "patterns.marshal"
    with reused(path, own=("pipeline",)) as added:
        _compile_all()  # compiled by this test module, not by pipeline's
    assert added == {} and not path.exists()


@pytest.mark.parametrize("content", [b"", b"not marshal", marshal.dumps([1, 2]),
                                     marshal.dumps({(SOURCES[0][0], 0): (0, [99999, 1], 0, {}, ())})])
def test_patterns_unreadable_cache_is_compiled_afresh(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "patterns.marshal"
    path.write_bytes(content)  # empty, garbage, another shape, opcodes the engine refuses
    fresh = _behaviour(_compile_all())
    with reused(path, own=OWN):
        again = _behaviour(_compile_all())
    assert again == fresh
    assert marshal.loads(path.read_bytes())[SOURCES[0]] == patterns._entry(*SOURCES[0])


def test_patterns_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file, not a folder")
    with reused(tmp_path / "file" / "patterns.marshal", own=OWN):
        assert _behaviour(_compile_all()) == _behaviour(_compile_all())


def test_patterns_cache_file_follows_xdg_and_can_be_switched_off(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    found = cache_file()
    assert found is not None and found.parent == tmp_path / "dafu" and "cpython" in found.name
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(patterns.os.path, "expanduser", lambda path: path)  # no home folder: "~" stays "~"
    assert cache_file() is None
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("DAFU_PATTERN_CACHE", "0")
    assert cache_file() is None
    with reused() as added:
        _compile_all()
    assert added == {}


def test_patterns_a_second_block_at_the_same_time_does_nothing(tmp_path: Path) -> None:
    with reused(tmp_path / "a.marshal", own=OWN) as outer, \
            reused(tmp_path / "b.marshal", own=OWN) as inner:
        _compile_all()
    assert len(outer) == len(SOURCES) and inner == {}
    assert not (tmp_path / "b.marshal").exists()


def test_patterns_re_internals_unlike_this_modules_leave_re_to_compile(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown_internals(source: str | bytes, flags: int) -> patterns.Entry:
        raise AttributeError("module 're._compiler' has no attribute '_code'")  # as a later Python might

    monkeypatch.setattr(patterns, "_entry", unknown_internals)
    path = tmp_path / "patterns.marshal"
    fresh = _behaviour(_compile_all())
    with reused(path, own=OWN) as added:
        compiled = _behaviour(_compile_all())
    assert compiled == fresh
    assert not added and not path.exists()
