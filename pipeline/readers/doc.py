"""Old binary Word (``.doc``) and WPS (``.wps``) through an external converter.

No Python library reads the Word 97-2003 binary format well, so the bytes go to a program:
antiword (Debian's ``antiword``, 0.6 MB, ~0.01 s a file) when it is installed, else
LibreOffice headless (``soffice``, ~260 MB, ~2 s a call) when antiword is absent or fails,
else the file becomes a problem naming both and how to install them. A ``.wps`` written by
WPS Office as a Word binary (OLE2 magic ``D0 CF 11 E0``) takes the same path; a ``.doc`` or
``.wps`` that is really a ``.docx`` (a zip) is read as one; anything else is refused with
what it looks like.

The bytes are written to a file in a private temporary folder under a fixed name, so the
user's file name never reaches a command line (no option injection, no shell). LibreOffice
gets one user profile per process (``-env:UserInstallation``): two conversions sharing a
profile make the second exit 1 silently, which is what parallel workers would do.

>>> # 答复.doc (OLE2)  →  antiword -m UTF-8.txt -w 0  →  one paragraph a line
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from multiprocessing.util import Finalize
from pathlib import Path

from pipeline.errors import ReadError
from pipeline.readers.docx import read_docx
from pipeline.readers.source import Extracted

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ANTIWORD_TIMEOUT = 30  # seconds; antiword takes hundredths of a second
SOFFICE_TIMEOUT = 120  # LibreOffice's first start in a fresh profile takes a few seconds
INSTALL_HINT = ("install antiword (apt-get install antiword) or LibreOffice "
                "(apt-get install libreoffice-writer-nogui), or save it as .docx")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
# What a mislabelled file starts with, for the problem's reason.
_LOOKS_LIKE = (
    (b"{\\rtf", "an RTF file"),
    (b"%PDF-", "a PDF"),
    (b"<?xml", "an XML file"),
)

_profile: tuple[int, str] | None = None  # (pid, folder) of this process's LibreOffice profile


def _what_it_is(data: bytes) -> str:
    head = data[:64].lstrip()
    for magic, name in _LOOKS_LIKE:
        if head.startswith(magic):
            return name
    if b"<html" in data[:1024].lower():
        return "an HTML page"
    return "not a Word binary (no OLE2 header)"


def _run(command: list[str], timeout: int) -> subprocess.CompletedProcess[bytes]:
    # A list, never a shell; stdin closed so a converter that asks something cannot hang.
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)


def _antiword(file: Path, program: str) -> str:
    """The text, or raise ``RuntimeError`` with antiword's complaint."""
    # -m UTF-8.txt: antiword's own mapping file, or Chinese comes out as '?'; -w 0: a paragraph a line
    done = _run([program, "-m", "UTF-8.txt", "-w", "0", os.fspath(file)], ANTIWORD_TIMEOUT)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"antiword exit {done.returncode}: {message[-1] if message else 'no message'}")
    return done.stdout.decode("utf-8", "replace")


def _profile_url() -> str:
    """This process's LibreOffice profile folder as a URL, made on first use and removed as it ends."""
    global _profile
    if _profile is None or _profile[0] != os.getpid():  # a forked worker makes its own
        folder = tempfile.mkdtemp(prefix="dafu-soffice-profile-")
        # multiprocessing's finalizers run as a worker process ends (atexit handlers do not: it
        # leaves by os._exit) and, through its own atexit hook, as the main process ends
        Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=0)
        _profile = (os.getpid(), folder)
    return Path(_profile[1]).as_uri()


def _soffice(file: Path, program: str) -> str:
    """The text LibreOffice exports, or raise ``RuntimeError`` saying why not."""
    outdir = file.parent / "out"
    outdir.mkdir()
    done = _run([program, f"-env:UserInstallation={_profile_url()}", "--headless", "--norestore",
                 "--convert-to", "txt:Text (encoded):UTF8", "--outdir", os.fspath(outdir), os.fspath(file)],
                SOFFICE_TIMEOUT)
    result = outdir / (file.stem + ".txt")
    if done.returncode != 0 or not result.is_file():
        message = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"LibreOffice exit {done.returncode}: {message[-1] if message else 'no output file'}")
    return result.read_bytes().decode("utf-8-sig", "replace")


def _tidy(text: str) -> str:
    # Both converters put a blank line between paragraphs: one paragraph a line, as for .docx.
    text = text.replace("\r\n", "\n").replace("\f", "\n")
    return _BLANK_LINES.sub("\n", text).strip("\n")


def convert_word_binary(data: bytes, path: str) -> Extracted:
    """The text of a Word 97-2003 binary, by antiword, else LibreOffice, else a ``ReadError``."""
    converters = [(name, found) for name, found in (("antiword", shutil.which("antiword")),
                                                   ("soffice", shutil.which("soffice"))) if found]
    if not converters:
        raise ReadError(path, f"old binary Word file and no converter found: {INSTALL_HINT}")
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dafu-doc-") as folder:
        file = Path(folder) / "input.doc"
        file.write_bytes(data)
        for name, program in converters:
            convert = _antiword if name == "antiword" else _soffice
            try:
                text = _tidy(convert(file, program))
            except subprocess.TimeoutExpired:
                failures.append(f"{name} timed out")
                continue
            except (RuntimeError, OSError) as e:
                failures.append(str(e))
                continue
            if text.strip():
                warnings = tuple(f"{f}; read by {name} instead" for f in failures)
                return Extracted(text=text, warnings=warnings)
            failures.append(f"{name} found no text")
    tried = "; ".join(failures)
    missing = " (LibreOffice is not installed)" if len(converters) == 1 and converters[0][0] == "antiword" else ""
    raise ReadError(path, f"old binary Word file not converted: {tried}{missing}")


def read_doc(data: bytes, path: str) -> Extracted:
    """Read a ``.doc`` or ``.wps`` file's bytes: a Word binary converted, a disguised ``.docx`` read."""
    if data.startswith(ZIP_MAGIC):
        return read_docx(data, path)
    if not data.startswith(OLE2_MAGIC):
        kind = "WPS" if path.lower().endswith(".wps") else "Word"
        raise ReadError(path, f"unreadable {kind} file: {_what_it_is(data)}; save it as .docx")
    return convert_word_binary(data, path)
