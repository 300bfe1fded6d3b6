"""Write ``tests/fixtures/futian-2024079-reply.doc``: the sample reply as an old binary Word file.

The .doc is made the way the issue asks for (issue 17 §2): python-docx writes the sample one
paragraph a line (``test_converted.write_docx``), and LibreOffice saves that as Word 97-2003.
The result is committed so that ``make test`` needs only antiword (0.6 MB), not LibreOffice
(~260 MB, ~90 s to install). Re-run it after changing the sample:

    apt-get install -y --no-install-recommends libreoffice-writer-nogui
    PYTHONPATH=$PWD .venv/bin/python tests/make_doc_fixture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test_converted import SAMPLE, write_docx  # noqa: E402

FIXTURE = HERE / "fixtures" / "futian-2024079-reply.doc"


def docx_to_doc(docx: Path, outdir: Path) -> Path:
    """``docx`` saved by LibreOffice as Word 97-2003 in ``outdir`` (a fresh profile each time)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="dafu-profile-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", str(outdir), str(docx)],
                       check=True, capture_output=True, timeout=120)
    return outdir / (docx.stem + ".doc")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / f"{FIXTURE.stem}.docx"
        write_docx(docx, None, SAMPLE.read_text(encoding="utf-8"))
        shutil.copy(docx_to_doc(docx, Path(folder)), FIXTURE)
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
