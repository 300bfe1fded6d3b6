"""Readers: every input is a real file written here by the library that makes that format."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pipeline.errors import ReadError
from pipeline.readers import Page, Source, iter_inputs, read_source
from pipeline.readers import docx as docx_reader

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora" / "futian-2024079-reply.txt"
SAMPLE = "关于区政协六届四次会议2024079号提案的回复\n一是引入超6家央企研发中心，规模2亿元，占比70%。\n"


def assert_read_error(path: Path, reason: str, **kwargs: int) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_source(path, **kwargs)
    assert str(path) in str(info.value)
    assert reason in str(info.value)
    assert info.value.path == str(path)
    return info.value


# --- plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(SAMPLE.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16-le", id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"),
        pytest.param(SAMPLE.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(SAMPLE.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), "utf-32-le", id="utf-32-le-bom"),
        pytest.param(SAMPLE.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(SAMPLE.encode("gbk"), "gb18030", id="gbk"),
        pytest.param(SAMPLE.encode("gb2312"), "gb18030", id="gb2312"),
    ],
)
def test_readers_txt_decodes_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "reply.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == SAMPLE  # BOM stripped, nothing else touched
    assert source.encoding == encoding
    assert source.format == "txt"


def test_readers_txt_decodes_gb18030_only_characters(tmp_path: Path) -> None:
    text = "䶮与𠀀在GBK之外，只在GB18030中。"
    path = tmp_path / "rare.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_source(path).text == text


def test_readers_txt_decodes_utf16_without_bom_full_of_yi(tmp_path: Path) -> None:
    # 一 is U+4E00: in UTF-16 LE it puts a NUL in the lane ASCII characters leave free.
    text = "一是一流\n一二三一一\n1\n"
    path = tmp_path / "yi.txt"
    path.write_bytes(text.encode("utf-16-le"))
    assert read_source(path).text == text


def test_readers_txt_falls_back_to_charset_normalizer(tmp_path: Path) -> None:
    # "€" is 0x80 in cp1252: neither UTF-8 nor GB18030. These letters sit at the same code
    # points in the Latin code pages charset-normalizer may choose between.
    text = "Der Preis beträgt 20 € für Größe Ö, inklusive Steuer.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    source = read_source(path)
    assert source.text == text
    assert source.encoding not in ("utf-8", "gb18030")


TRADITIONAL = (
    "關於區政協六屆四次會議2024079號提案的回覆：一是面向全球招引一流創新資源，"
    "聚焦半導體和集成電路、新能源、生物醫藥等福田重點發展產業領域。\n"
)


def test_readers_txt_big5_is_not_mistaken_for_gbk(tmp_path: Path) -> None:
    path = tmp_path / "hk.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    source = read_source(path)
    assert source.text == TRADITIONAL
    assert source.encoding == "big5"


def test_readers_txt_traditional_text_in_gb18030_stays_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "trad-gb.txt"
    path.write_bytes(TRADITIONAL.encode("gb18030"))
    source = read_source(path)
    assert source.text == TRADITIONAL
    assert source.encoding == "gb18030"


def test_readers_txt_short_gbk_name_with_rare_character_stays_gbk(tmp_path: Path) -> None:
    path = tmp_path / "name.txt"
    path.write_bytes("朱镕基".encode("gbk"))
    assert read_source(path).text == "朱镕基"


def test_readers_txt_keeps_crlf_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行\r\n第二行\r\n".encode())
    assert read_source(path).text == "第一行\r\n第二行\r\n"


def test_readers_md_reads_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "reply.md"
    path.write_text("# 标题\n\n**一是**引入超6家。\n", encoding="utf-8")
    source = read_source(path)
    assert source.format == "md"
    assert source.text.startswith("# 标题")


def test_readers_source_records_sha256_of_raw_bytes(tmp_path: Path) -> None:
    data = SAMPLE.encode("gbk")
    path = tmp_path / "reply.txt"
    path.write_bytes(data)
    assert read_source(path).sha256 == hashlib.sha256(data).hexdigest()


def test_readers_source_is_frozen(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    source = read_source(path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        source.text = "x"  # type: ignore[misc]


def test_readers_source_refuses_pages_out_of_order() -> None:
    with pytest.raises(ValueError, match="page 2"):
        Source("a.pdf", "pdf", None, "abcdef", (Page(1, 0, 4), Page(2, 2, 6)), "0" * 64)


def test_readers_corpus_sample_reads_unchanged() -> None:
    source = read_source(CORPUS)
    assert source.encoding == "utf-8"
    assert source.text == CORPUS.read_text(encoding="utf-8")
    assert source.pages == ()


def test_readers_txt_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_read_error(path, "empty file")


def test_readers_txt_blank_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(codecs.BOM_UTF8 + " \n\u3000\n".encode())
    assert_read_error(path, "no text content")


def test_readers_txt_binary_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    Image.new("RGB", (64, 64), (200, 30, 30)).save(path, format="PNG")
    assert_read_error(path, "binary content (NUL bytes) in a .txt file")


def test_readers_txt_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert_read_error(path, "undecodable bytes: not UTF-8")


def test_readers_size_limit_refuses_large_sparse_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(100 * 2**20)  # sparse: no 100 MB actually written
    assert_read_error(path, f"file too large: {100 * 2**20} bytes > limit {50 * 2**20}")


def test_readers_size_limit_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    size = path.stat().st_size
    assert_read_error(path, f"file too large: {size} bytes > limit 10", max_bytes=10)
    assert read_source(path, max_bytes=size).text == SAMPLE


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("table.xyz", "unsupported format .xyz", id="unknown"),
        pytest.param("old.rtf", "unsupported format .rtf (save it as .docx)", id="rtf"),
        pytest.param("README", "unsupported format (no file extension)", id="no-suffix"),
    ],
)
def test_readers_unsupported_format_is_refused(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"data")
    assert_read_error(path, reason)


def test_readers_directory_is_not_a_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.txt"
    path.mkdir()
    assert_read_error(path, "not a file")


def test_readers_missing_file_is_refused(tmp_path: Path) -> None:
    assert_read_error(tmp_path / "missing.txt", "no such file")


# --- docx -------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = Document()
    document.add_paragraph().add_run("一、总体要求").bold = True
    document.add_paragraph("引入超6家央企研发中心，落地10余家外资研发中心。")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("项目", "数量", "单位"), ("研发中心", "6", "家")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("福田区科技和工业信息化局")
    document.save(str(path))
    return path


DOCX_TEXT = (
    "**一、总体要求**\n"
    "引入超6家央企研发中心，落地10余家外资研发中心。\n"
    "项目\t数量\t单位\n"
    "研发中心\t6\t家\n"
    "福田区科技和工业信息化局"
)


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
    return dst


def test_readers_docx_reads_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    source = read_source(make_docx(tmp_path / "reply.docx"))
    assert source.format == "docx"
    assert source.encoding is None
    assert source.text == DOCX_TEXT


def test_readers_docx_merged_cell_appears_once(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "2024年主要指标"
    table.cell(1, 0).text = "研发投入"
    table.cell(1, 1).text = "2亿元"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_source(path).text == "2024年主要指标\n研发投入\t2亿元"


def test_readers_docx_truncated_is_refused(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    assert_read_error(path, "truncated or corrupt docx")


def test_readers_docx_zip_without_word_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "not-word.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "你好")
    assert_read_error(path, "truncated or corrupt docx")


def test_readers_docx_zip_bomb_member_is_refused(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/image1.bin", bytes(20 * 2**20))  # 20 MiB of zeros, ~20 KiB deflated
    assert_read_error(path, "zip bomb refused: word/media/image1.bin expands")


def test_readers_docx_zip_bomb_total_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED_BYTES", 1000)
    path = make_docx(tmp_path / "big.docx")
    assert_read_error(path, "zip bomb refused:")


def test_readers_docx_xml_entities_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    src = make_docx(tmp_path / "plain.docx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    head, sep, body = xml.partition("?>")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    evil = (head + sep + doctype + body).replace("福田区科技和工业信息化局", "&xxe;")
    path = rewrite_zip(src, tmp_path / "xxe.docx", {"word/document.xml": evil.encode("utf-8")})
    error = assert_read_error(path, "XML entity or DOCTYPE declaration refused in word/document.xml")
    assert "TOP-SECRET" not in str(error)


# --- pdf --------------------------------------------------------------------------------------

PDF_PAGES = [
    ["关于区政协六届四次会议2024079号提案的回复", "引入超6家央企研发中心，规模2亿元。"],
    ["技创新合作区举办授牌仪式，4家中试平台。", "联系电话：82918474"],
]


def make_pdf(path: Path, pages: list[list[str]], encrypt: object = None) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), encrypt=encrypt)
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            pdf.drawString(72, 780 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return path


def test_readers_pdf_round_trips_cjk_text_across_pages(tmp_path: Path) -> None:
    source = read_source(make_pdf(tmp_path / "reply.pdf", PDF_PAGES))
    assert source.format == "pdf"
    assert source.text == "\n".join("\n".join(lines) for lines in PDF_PAGES)


def test_readers_pdf_records_page_spans(tmp_path: Path) -> None:
    source = read_source(make_pdf(tmp_path / "reply.pdf", PDF_PAGES))
    assert [p.number for p in source.pages] == [1, 2]
    for page, lines in zip(source.pages, PDF_PAGES, strict=True):
        assert source.text[page.start : page.end] == "\n".join(lines)


def test_readers_pdf_encrypted_is_refused(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "locked.pdf", PDF_PAGES, encrypt="secret")
    assert_read_error(path, "encrypted PDF")


def test_readers_pdf_owner_password_only_still_reads(tmp_path: Path) -> None:
    # pdfminer leaves (cid:N) glyphs here; the reader falls back to PDFium.
    encrypt = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0)
    source = read_source(make_pdf(tmp_path / "restricted.pdf", PDF_PAGES, encrypt=encrypt))
    assert source.text == "\n".join("\n".join(lines) for lines in PDF_PAGES)


def test_readers_pdf_truncated_is_refused(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "whole.pdf", PDF_PAGES).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert_read_error(path, "corrupt PDF: truncated")


def test_readers_pdf_corrupt_body_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF\n")
    assert_read_error(path, "corrupt PDF:")


def test_readers_pdf_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "renamed.pdf"
    path.write_text(SAMPLE, encoding="utf-8")
    assert_read_error(path, "corrupt PDF: no %PDF- header")


def test_readers_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 600, 200, 100, fill=1)
    pdf.showPage()
    pdf.save()
    assert_read_error(path, "no text layer in 1 page(s)")


# A paragraph wrapped at a fixed width (34 characters, as a PDF line fills) where the wraps
# fall inside a year and inside an amount, followed by a list item after a number.
WRAPPED = [
    "关于区政协六届四次会议2024079号提案的回复",
    "尊敬的张立勤委员：",
    "衷心感谢您提出的建议，我局非常重视，现就相关工作答复如下：我局于201",
    "9年6月3日召开专题会议研究部署相关工作，会议明确由区财政安排专项资金1",
    "0万元用于支持科技成果转化，并在年内完成全部项目的评审和资金拨付工作，共1",
    "2.加快推进知识产权质押融资工作。",
    "福田区科技和工业信息化局",
]


def test_readers_pdf_wrap_inside_a_number_or_date_is_rejoined(tmp_path: Path) -> None:
    # Regression (issue 13): "201\n9年6月3日" became a duration 9年 and "1\n0万元" money 0.
    from pipeline import read

    doc = read(make_pdf(tmp_path / "wrapped.pdf", [WRAPPED]))
    found = {(q.type, q.text.replace("\n", "")) for q in doc.quantities}
    assert ("date", "2019年6月3日") in found
    assert ("money", "10万元") in found
    assert not any(q.text.startswith(("9年", "0万")) for q in doc.quantities)
    assert any(s.text.startswith("2.加快推进") for s in doc.sentences)  # a list item is never joined
    assert doc.meta.addressee == "张立勤"


# --- html -------------------------------------------------------------------------------------

ARTICLE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>回复</title>
<style>p { color: red }</style><script>var total = "超99家";</script></head>
<body>
<header>深圳市福田区人民政府</header>
<nav><a href="/">首页</a> <a href="/zwgk">政务公开</a></nav>
<article>
  <h1>关于区政协六届四次会议2024079号提案的回复</h1>
  <p>尊敬的张立勤委员：</p>
  <p>一是面向全球招引一流创新资源。
     引入超6家央企研发中心<br>落地10余家外资研发中心。</p>
  <table><tr><th>项目</th><th>数量</th></tr><tr><td>研发中心</td><td>6家</td></tr></table>
  <script>document.write("广告")</script>
</article>
<aside>相关新闻：福田区召开会议</aside>
<footer>版权所有 联系电话 82918474</footer>
</body></html>
"""


def test_readers_html_takes_article_and_drops_scripts_and_chrome(tmp_path: Path) -> None:
    path = tmp_path / "reply.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    source = read_source(path)
    assert source.format == "html"
    assert source.encoding == "utf-8"
    assert source.text == (
        "关于区政协六届四次会议2024079号提案的回复\n"
        "尊敬的张立勤委员：\n"
        "一是面向全球招引一流创新资源。引入超6家央企研发中心\n"
        "落地10余家外资研发中心。\n"
        "项目\t数量\n"
        "研发中心\t6家"
    )


def test_readers_html_without_article_takes_the_element_with_most_chinese(tmp_path: Path) -> None:
    page = """<html><body>
    <div class="top"><h1>关于推进科技创新的答复</h1></div>
    <div class="menu"><ul><li>首页</li><li>新闻</li></ul></div>
    <div class="main"><div class="content">
      <p>一是推动设立深圳市科技创新种子基金福田子基金，规模2亿元。</p>
      <p>二是加快推进科技成果产业化，支持企业开展中试验证与应用推广。</p>
    </div><div class="share">分享</div></div>
    </body></html>"""
    path = tmp_path / "reply.htm"
    path.write_text(page, encoding="utf-8")
    assert read_source(path).text == (
        "关于推进科技创新的答复\n"
        "一是推动设立深圳市科技创新种子基金福田子基金，规模2亿元。\n"
        "二是加快推进科技成果产业化，支持企业开展中试验证与应用推广。"
    )


def test_readers_html_declared_gb2312_decodes_gbk_characters(tmp_path: Path) -> None:
    # 镕 is in GBK but not in GB2312; pages declared gb2312 are routinely GBK.
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>朱镕基同志视察福田，引入超6家企业。</p></body></html>"
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gbk"))
    source = read_source(path)
    assert source.text == "朱镕基同志视察福田，引入超6家企业。"
    assert source.encoding == "gb18030"


def test_readers_html_wrong_declaration_falls_back_to_detection(tmp_path: Path) -> None:
    page = '<html><head><meta charset="utf-8"></head><body><p>福田区科技和工业信息化局</p></body></html>'
    path = tmp_path / "mislabelled.html"
    path.write_bytes(page.encode("gb18030"))
    assert read_source(path).text == "福田区科技和工业信息化局"


def test_readers_html_never_resolves_external_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            "<html><body><p>福田区&xxe;科技局</p></body></html>")
    path = tmp_path / "xxe.html"
    path.write_text(page, encoding="utf-8")
    assert "TOP-SECRET" not in read_source(path).text


# --- folder walking ---------------------------------------------------------------------------


# A government reply page (invented text): navigation, breadcrumb, an info table, the title,
# then the reply in one of the layouts sites use, a share bar, related links and a footer.
GOV_TITLE = "关于市人大十六届三次会议第0215号建议的答复"
GOV_GREETING = "尊敬的王建华代表："
GOV_BODY = [
    "您提出的《关于加快老旧小区改造的建议》收悉，现答复如下：",
    "一是加快推进改造工程。2023年全市共改造老旧小区126个，涉及居民1.8万户，完成投资3.2亿元。",
    "二是完善长效管理机制。我局会同各区制定了物业管理办法，引入专业物业服务企业42家，覆盖率达到85%。",
    "三是强化资金保障。2024年计划安排改造资金2.5亿元，力争年底前完成改造小区100个以上。",
    "感谢您对住房和城乡建设工作的关心和支持。",
]
GOV_CLOSING = ["某市住房和城乡建设局", "2024年6月28日", "联系人：李明，联系电话：0731-88886666"]
GOV_CHROME = ["首页", "当前位置", "索引号", "发布时间", "浏览次数", "分享到", "相关链接", "网站地图", "ICP备"]


def gov_page(content: str, title_tag: str = "h1") -> str:
    links = "".join(f'<li><a href="/{i}">{name}</a></li>'
                    for i, name in enumerate(["首页", "政务公开", "办事服务", "互动交流"]))
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>答复_某市人民政府</title>'
        '<script>var stat = "统计代码";</script></head><body>'
        f'<div class="top">某市人民政府门户网站</div><div class="nav"><ul>{links}</ul></div>'
        '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>'
        '<div class="main"><div class="left">'
        "<table><tr><td>索引号：</td><td>11430100MB1234567X/2024-01234</td>"
        "<td>发布机构：</td><td>市住房和城乡建设局</td></tr></table>"
        f'<{title_tag} class="title">{GOV_TITLE}</{title_tag}>'
        "<div>发布时间：2024-07-02 10:15 来源：市住房和城乡建设局 浏览次数：168</div>"
        f'{content}<div class="share">分享到：微信 微博</div></div>'
        '<div class="side"><h3>相关链接</h3><ul><li><a href="/a">市人民政府</a></li>'
        '<li><a href="/b">市财政局</a></li></ul></div></div>'
        '<div class="footer"><p><a href="/map">网站地图</a> | <a href="/c">联系我们</a></p>'
        "<p>主办单位：某市人民政府办公室 湘ICP备05012345号</p></div></body></html>"
    )


def _ps(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


GOV_LINES = [GOV_GREETING, *GOV_BODY, *GOV_CLOSING]
GOV_LAYOUTS = {
    "paragraphs": gov_page(f'<div class="content">{_ps(GOV_LINES)}</div>'),
    "line-breaks": gov_page(f'<div id="zoom">{"<br>".join(GOV_LINES)}</div>'),
    # the layout that lost the greeting and the signature: one <p> holds most of the text
    "one-long-paragraph": gov_page(
        f'<div class="content"><p>{GOV_GREETING}</p><p>{"".join(GOV_BODY)}</p>{_ps(GOV_CLOSING)}</div>'),
    "layout-table": gov_page(f"<table><tr><td>{_ps(GOV_LINES)}</td></tr></table>", title_tag="div"),
    "signature-beside-text": gov_page(
        f'<div class="article"><div class="txt">{_ps([GOV_GREETING, *GOV_BODY])}</div>'
        f'<div class="sign">{_ps(GOV_CLOSING)}</div></div>', title_tag="div"),
}


@pytest.mark.parametrize("layout", list(GOV_LAYOUTS))
def test_readers_html_keeps_the_whole_reply_and_drops_the_chrome(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "reply.html"
    path.write_text(GOV_LAYOUTS[layout], encoding="utf-8")
    source = read_source(path)
    lines = source.text.split("\n")
    assert lines[0] == GOV_TITLE
    for line in GOV_LINES:
        assert line in source.text, line
    assert lines[-3:] == GOV_CLOSING
    for chrome in GOV_CHROME:
        assert chrome not in source.text, chrome
    assert source.warnings == ()


def test_readers_html_warns_when_prose_outside_the_reply_was_dropped(tmp_path: Path) -> None:
    # A notice above the page's main column: prose that the rule drops, so it says so.
    notice = '<div class="notice"><p>本站发布的其他信息，包括通知公告、政策解读和新闻动态，敬请关注。</p></div>'
    page = gov_page(f'<div class="content">{_ps(GOV_LINES)}</div>')
    page = page.replace('<div class="main">', notice + '<div class="main">')
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    source = read_source(path)
    assert GOV_GREETING in source.text and GOV_CLOSING[0] in source.text
    assert len(source.warnings) == 1
    assert "HTML page layout guessed" in source.warnings[0]
    assert "本站发布的其他信息" in source.warnings[0]


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")


def rel(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_readers_iter_inputs_walks_in_sorted_order(tmp_path: Path) -> None:
    touch(tmp_path, "b.txt", "a/z.pdf", "a/b.docx", "c.HTML", "d.htm", "e.md", "notes.csv")
    assert rel(list(iter_inputs([tmp_path])), tmp_path) == ["a/b.docx", "a/z.pdf", "b.txt", "c.HTML", "d.htm",
                                                            "e.md"]


def test_readers_iter_inputs_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    touch(tmp_path, ".hidden.txt", ".git/config.txt", "~$reply.docx", "reply.docx")
    assert rel(list(iter_inputs([tmp_path])), tmp_path) == ["reply.docx"]


def test_readers_iter_inputs_applies_include_and_exclude(tmp_path: Path) -> None:
    touch(tmp_path, "2024/a.txt", "2024/b.pdf", "草稿/c.txt", "d.bak.txt")
    found = iter_inputs([tmp_path], include=["*.txt"], exclude=["草稿", "*.bak.txt"])
    assert rel(list(found), tmp_path) == ["2024/a.txt"]


def test_readers_iter_inputs_yields_given_file_whatever_the_patterns(tmp_path: Path) -> None:
    touch(tmp_path, "data.csv")
    assert list(iter_inputs([tmp_path / "data.csv"])) == [tmp_path / "data.csv"]


def test_readers_iter_inputs_yields_missing_given_path_for_the_reader_to_report(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert list(iter_inputs([missing])) == [missing]
    assert_read_error(missing, "no such file")


def test_readers_iter_inputs_survives_symlink_loops(tmp_path: Path) -> None:
    touch(tmp_path, "docs/a.txt")
    os.symlink(tmp_path / "docs", tmp_path / "docs" / "loop")
    os.symlink(tmp_path / "docs", tmp_path / "alias")
    assert rel(list(iter_inputs([tmp_path])), tmp_path) == ["alias/a.txt"]


def test_readers_iter_inputs_follows_symlinked_files_once(tmp_path: Path) -> None:
    touch(tmp_path, "real/a.txt")
    (tmp_path / "links").mkdir()
    os.symlink(tmp_path / "real" / "a.txt", tmp_path / "links" / "b.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "links" / "broken.txt")
    # The broken link is yielded so that reading it reports it (issue 7: every file accounted for).
    assert rel(list(iter_inputs([tmp_path / "links", tmp_path / "real"])), tmp_path) == ["links/b.txt",
                                                                                          "links/broken.txt"]


def test_readers_iter_inputs_reads_back_what_it_finds(tmp_path: Path) -> None:
    make_docx(tmp_path / "b.docx")
    (tmp_path / "a.txt").write_bytes(SAMPLE.encode("gbk"))
    texts = [read_source(p).text for p in iter_inputs([tmp_path])]
    assert texts == [SAMPLE, DOCX_TEXT]

