"""A small OFD writer for the tests: GB/T 33190's package structure, text as TextObjects.

``write_ofd(path, pages)`` writes ``OFD.xml`` → ``Doc_0/Document.xml`` → ``Doc_0/Pages/Page_N/
Content.xml``, each line of a page one ``TextObject`` (its ``Boundary`` placing it, one
``TextCode`` with ``DeltaX``), A4 pages in millimetres. Options give what real producers do:
a template page drawn under every page (a running header), the objects of a page written in
another order than they are read, a line split into several TextObjects, image pages, and
hooks to break the package on purpose (no DocRoot, a DOCTYPE, extra members).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

NS = "http://www.ofdspec.org/2016"
SIZE = 3.7  # mm: the glyph size of the text (about 10.5 pt)
LEADING = 6.0  # mm from one baseline to the next
LEFT, TOP = 25.0, 30.0
PNG_1PX = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
           b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _text_object(ident: int, x: float, y: float, text: str) -> str:
    width = SIZE * max(len(text), 1)
    delta = f' DeltaX="g {len(text) - 1} {SIZE}"' if len(text) > 1 else ""
    return (f'<ofd:TextObject ID="{ident}" Boundary="{x} {y - SIZE} {width} {SIZE * 1.4}" Font="1" Size="{SIZE}">'
            f'<ofd:TextCode X="0" Y="{SIZE}"{delta}>{escape(text, quote=False)}</ofd:TextCode></ofd:TextObject>')


def _page_xml(objects: Sequence[str], template: bool) -> str:
    uses = '<ofd:Template TemplateID="2" ZOrder="Background"/>' if template else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{uses}'
            f'<ofd:Content><ofd:Layer ID="9">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def page_objects(lines: Sequence[str], *, shuffled: bool = False, split: bool = False) -> list[str]:
    """One TextObject per line, top to bottom; ``shuffled`` writes them bottom line first,
    ``split`` cuts each line in two objects written right half first."""
    objects: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        y = TOP + LEADING * i
        if split and len(line) > 1:
            half = len(line) // 2
            objects.append((i, _text_object(100 + 2 * i, LEFT + SIZE * half, y, line[half:])))
            objects.append((i, _text_object(101 + 2 * i, LEFT, y, line[:half])))
        else:
            objects.append((i, _text_object(100 + 2 * i, LEFT, y, line)))
    if shuffled:
        objects.reverse()
    return [xml for _, xml in objects]


def write_ofd(path: Path, pages: Sequence[Sequence[str]], *, header: str | None = None, shuffled: bool = False,
              split: bool = False, image_pages: int = 0, image: bytes = PNG_1PX,
              doc_root: str | None = "Doc_0/Document.xml", prolog: str = "",
              extra: dict[str, bytes] | None = None) -> Path:
    """An OFD file of ``pages`` (lines each); ``header`` on a template page under every page;
    ``image_pages`` pages holding one image (``image``, PNG bytes: a scanned page) and no text
    after them; ``prolog`` goes before
    ``OFD.xml``'s root element (a DOCTYPE); ``extra`` members are added, or replace those written."""
    body = f"<ofd:DocRoot>{doc_root}</ofd:DocRoot>" if doc_root is not None else ""
    ofd_xml = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
               f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>{body}'
               "</ofd:DocBody></ofd:OFD>")
    count = len(pages) + image_pages
    page_list = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(count))
    template = '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if header else ""
    res = '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>' if image_pages else ""
    document = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
                '<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                f'</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{res}{template}</ofd:CommonData>'
                f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>")
    public_res = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
                  '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    members: dict[str, str | bytes] = {"OFD.xml": ofd_xml, "Doc_0/Document.xml": document,
                                       "Doc_0/PublicRes.xml": public_res}
    if header:
        members["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml([_text_object(90, LEFT, TOP - 12, header)], False)
    for n, lines in enumerate(pages):
        members[f"Doc_0/Pages/Page_{n}/Content.xml"] = _page_xml(page_objects(lines, shuffled=shuffled, split=split),
                                                                 bool(header))
    for n in range(len(pages), count):
        drawn = '<ofd:ImageObject ID="80" Boundary="0 0 210 297" ResourceID="70" CTM="210 0 0 297 0 0"/>'
        members[f"Doc_0/Pages/Page_{n}/Content.xml"] = _page_xml([drawn], False)
    if image_pages:
        members["Doc_0/DocumentRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" '
                                            'BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="70" Type="Image">'
                                            "<ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia>"
                                            "</ofd:MultiMedias></ofd:Res>")
    if image_pages:
        members["Doc_0/Res/scan.png"] = image
    members.update(extra or {})  # added, or in place of a member written above
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return path
