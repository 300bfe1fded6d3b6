"""The parts of an .xlsx package around its sheets: the minimal SpreadsheetML (ECMA-376) a reader needs.

A workbook is a zip of XML parts: ``[Content_Types].xml`` names each part's type, the
``_rels`` parts link the workbook to its sheets and styles, ``docProps`` hold the file's
properties. :mod:`pipeline.export.xlsx` writes the sheets; this module writes the rest.
Every date is fixed, so the same tables give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold
FIXED_TIME = "2000-01-01T00:00:00Z"  # docProps/core.xml: the tables say when they were made, not the file
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell formats: 0 the default, 1 dates (number format 164, yyyy-mm-dd).
STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook: its name, its number (from 1) and the folder its XML is written in."""

    name: str
    number: int
    folder: Path

    @property
    def part(self) -> str:
        return f"xl/worksheets/sheet{self.number}.xml"

    @property
    def file(self) -> Path:
        return self.folder / f"sheet{self.number}.xml"


def sheet_start() -> str:
    """A sheet's XML up to its first row: the header row frozen."""
    return (f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/><sheetData>\n')


def sheet_end() -> str:
    return "</sheetData></worksheet>\n"


def package_parts(sheets: list[Sheet]) -> list[tuple[str, bytes]]:
    """Every part but the sheets, in the order a zip of the workbook lists them."""
    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                 *((f"/{s.part}", _SHEET_TYPE) for s in sheets),
                 ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    content_types = (
        f'<Types xmlns="{_TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>")
    root_rels = _relationships([
        ("rId1", f"{_REL}/officeDocument", "xl/workbook.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", f"{_REL}/extended-properties", "docProps/app.xml"),
    ])
    workbook = (f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews><sheets>'
                + "".join(f"<sheet name={quoteattr(s.name)} sheetId=\"{s.number}\" r:id=\"rId{s.number}\"/>"
                          for s in sheets)
                + "</sheets></workbook>")
    workbook_rels = _relationships([
        *((f"rId{s.number}", f"{_REL}/worksheet", f"worksheets/sheet{s.number}.xml") for s in sheets),
        (f"rId{len(sheets) + 1}", f"{_REL}/styles", "styles.xml"),
    ])
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>dafu</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:modified></cp:coreProperties>')
    app = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>dafu</Application></Properties>")
    parts = [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels), ("docProps/app.xml", app),
             ("docProps/core.xml", core), ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
             ("xl/styles.xml", STYLES)]
    return [(name, (_DECLARATION + text).encode("utf-8")) for name, text in parts]


def _relationships(links: list[tuple[str, str, str]]) -> str:
    return (f'<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in links)
            + "</Relationships>")
