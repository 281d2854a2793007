"""read_path() and to_text(): report files of every supported kind to plain text."""
import codecs
import io
import struct
import zlib

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import etl.input_files
from etl.errors import InputError
from etl.read import read_path, to_text

TITLE = "青山县人民政府2024年政府工作报告"
MEETING = "——2024年1月9日在青山县第十九届人民代表大会第三次会议上"
BODY = [
    "各位代表：",
    "全年完成地区生产总值１２０．５亿元，同比增长６．２％。",
    "新增城镇就业５８００人，城镇登记失业率控制在３．２％以内。",
    "今年主要预期目标是：地区生产总值增长６％左右。",
]
REPORT = "\n".join([TITLE, MEETING, *BODY])


def reason_of(call, *args) -> str:
    with pytest.raises(InputError) as caught:
        call(*args)
    return caught.value.reason


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- fixture builders ---------------------------------------------------------------

def make_docx(paragraphs_before, table_rows, paragraphs_after) -> bytes:
    document = docx.Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
    for r, row in enumerate(table_rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in paragraphs_after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(pages) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    for lines in pages:
        pdf.setFont("STSong-Light", 11)
        for i, line in enumerate(lines):
            pdf.drawString(50, 780 - 20 * i, line)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def make_scanned_pdf() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.rect(50, 50, 400, 600, fill=1)  # an image stand-in: marks on the page, no text
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def make_png() -> bytes:
    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x10\x80\xf0" * 4 * 4)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


# --- read_path ----------------------------------------------------------------------

def test_read_path_returns_the_file_bytes(tmp_path):
    data = REPORT.encode("utf-8")
    assert read_path(write(tmp_path, "report.txt", data)) == data


def test_a_missing_path_is_reported_as_not_found(tmp_path):
    assert reason_of(read_path, tmp_path / "absent.txt") == "file not found"


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    assert reason_of(read_path, folder) == "is a directory"


def test_an_unsupported_suffix_is_refused(tmp_path):
    path = write(tmp_path, "report.xlsx", b"PK\x03\x04")
    assert reason_of(read_path, path) == "unsupported file type (.xlsx)"


def test_suffixes_are_matched_without_regard_to_case(tmp_path):
    data = REPORT.encode("utf-8")
    assert read_path(write(tmp_path, "REPORT.TXT", data)) == data


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.input_files, "MAX_BYTES", 16)
    path = write(tmp_path, "report.txt", REPORT.encode("utf-8"))
    assert reason_of(read_path, path).startswith("file too large")


def test_a_file_that_grew_after_it_was_looked_at_is_read_whole_or_refused(tmp_path, monkeypatch):
    data = "兰陵县2023年政府工作报告".encode("utf-8")
    path = write(tmp_path, "report.txt", data)
    # As if the file had held 5 bytes when stat() looked, and the rest came before the read.
    assert etl.input_files._read_limited(str(path), path, 5) == data
    monkeypatch.setattr(etl.input_files, "MAX_BYTES", len(data) - 1)
    with pytest.raises(InputError, match="file too large"):
        etl.input_files._read_limited(str(path), path, 5)


def test_an_unreadable_file_is_reported_as_permission_denied(tmp_path, monkeypatch):
    # Tests may run as root, which ignores file modes; simulate the refusal instead.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(etl.input_files, "open", refuse, raising=False)
    path = write(tmp_path, "report.txt", REPORT.encode("utf-8"))
    assert reason_of(read_path, path) == "permission denied"


def test_the_error_names_the_file_and_the_reason_on_one_line(tmp_path):
    path = tmp_path / "absent.txt"
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: file not found"


# --- plain text and encodings -------------------------------------------------------

def test_utf8_text_comes_out_as_written():
    assert to_text(REPORT.encode("utf-8"), "report.txt") == REPORT


def test_a_utf8_byte_order_mark_is_not_part_of_the_text():
    assert to_text(codecs.BOM_UTF8 + REPORT.encode("utf-8"), "report.txt") == REPORT


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_utf16_with_a_byte_order_mark_is_decoded(bom, codec):
    assert to_text(bom + REPORT.encode(codec), "report.txt") == REPORT


def test_gbk_text_is_decoded():
    assert to_text(REPORT.encode("gbk"), "report.txt") == REPORT


def test_gb18030_text_with_characters_outside_gbk_is_decoded():
    # 𠮷 (U+20BB7) and 䶮 (U+4DAE) exist only in GB18030's four-byte range.
    text = REPORT + "\n新建“𠮷祥”“䶮德”社区服务中心３个。"
    assert to_text(text.encode("gb18030"), "report.txt") == text


def test_an_empty_file_is_refused():
    assert reason_of(to_text, b"", "report.txt") == "empty file"


def test_a_file_of_only_blank_lines_is_refused_as_empty():
    assert reason_of(to_text, b" \r\n\r\n\t\n", "report.txt") == "empty file"


def test_a_png_renamed_to_txt_is_refused_as_binary():
    assert reason_of(to_text, make_png(), "report.txt") == "not a text document (binary data)"


def test_trailing_spaces_are_stripped_and_blank_runs_collapse():
    text = "一、过去一年工作回顾  \n\n\n\n\n新增就业５８００人。\u3000\n"
    assert to_text(text.encode("utf-8"), "report.txt") == "一、过去一年工作回顾\n\n新增就业５８００人。"


# --- page furniture -----------------------------------------------------------------

SCRAPED_TXT = "\n".join([
    "欢迎访问青山县人民政府网站！",
    "今天是",
    "无障碍浏览",
    "您现在的位置：首页 > 政务公开 > 政府工作报告 > 正文",
    "  • 索引号 qingshan-zfb/2024-0000031",
    "  • 发布机构 青山县人民政府办公室",
    "  • 公开目录 政府工作报告",
    "  • 发布日期 2024-01-20",
    "  • 文号",
    "  • 公开方式 主动公开",
    "  • 名称 2024年政府工作报告",
    "\u00a0索\u00a0引\u00a0号\u00a0 qingshan/2024-0000031 \u00a0公开方式\u00a0 主动公开",
    "\u00a0信息名称\u00a0 2024年政府工作报告 \u00a0成文日期\u00a0 2024-01-18",
    "\u00a0文号\u00a0 \u00a0有效性\u00a0 有效",
    "【字体：大 中 小】【打印本页】【关闭窗口】",
    REPORT,
    "",
    "扫一扫在手机打开当前页面",
    "分享到：",
    "相关信息",
    "打印本页",
    "关闭窗口",
    "下载Word 下载PDF",
])


def test_site_furniture_in_a_scraped_text_file_is_removed():
    assert to_text(SCRAPED_TXT.encode("utf-8"), "report.txt") == REPORT


@pytest.mark.parametrize("line", [
    "扫一扫在手机打开当前页面",
    "相关信息",
    "关闭窗口",
    "打印本页",
    "下载Word 下载PDF",
    "【字体：大 中 小】",
    "您现在的位置: 首页 > 政府信息公开 > 规划计划",
    "无障碍浏览",
    "欢迎访问青山县人民政府门户网站",
    "今天是2024年3月5日 星期二",
    "分享到:",
    "索 引 号：qingshan/2024-0000031",
    "发布日期：2024-01-20",
    "成文日期 2024-01-18",
    "有效性 有效",
    "名称 2024年政府工作报告",
])
def test_a_furniture_line_is_dropped(line):
    text = f"{line}\n{BODY[1]}"
    assert to_text(text.encode("utf-8"), "report.txt") == BODY[1]


@pytest.mark.parametrize("line", [
    "2024年政府工作报告",
    TITLE,
    "政府工作报告",
    MEETING,
    "分类推进老旧小区改造３２个，惠及居民４６００户。",
    "名称变更后的县城投公司完成融资８亿元。",
    "今天是全县人民值得铭记的日子，我们提前完成了“十四五”目标。",
    "相关信息显示，全县常住人口达到４８万人。",
    "文号管理更加规范，发文数量压减３０％。",
])
def test_a_title_meeting_or_body_line_is_kept(line):
    text = f"{line}\n{BODY[1]}"
    assert to_text(text.encode("utf-8"), "report.txt") == text


# --- HTML ---------------------------------------------------------------------------

def html_page(charset="utf-8") -> str:
    paragraphs = "".join(f"<p>\n    {line}\n  </p>" for line in BODY)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{TITLE}_青山县人民政府</title>
<style>.zoom {{ font-size: 16px; }}</style>
<script>var visits = "统计代码"; document.write("访问量");</script>
</head><body>
<header><div class="logo">青山县人民政府</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></nav>
<div class="crumb">您现在的位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>
<table class="index"><tr><td>索引号</td><td>qingshan/2024-0000031</td>
<td>公开方式</td><td>主动公开</td></tr></table>
<div class="title"><h1>{TITLE}</h1></div>
<div class="toolbar">【字体：大 中 小】【打印本页】【关闭窗口】</div>
<div class="zoom" id="zoom"><p>{MEETING}</p>{paragraphs}</div>
<div class="share">扫一扫在手机打开当前页面</div>
<form><select><option>县直部门网站</option></select><button>搜索</button></form>
<footer>主办：青山县人民政府办公室 版权所有 备案号：某ICP备12345678号</footer>
<noscript>请启用脚本</noscript>
</body></html>"""


def test_an_html_report_keeps_title_and_paragraphs_one_per_line():
    assert to_text(html_page().encode("utf-8"), "report.html") == REPORT


@pytest.mark.parametrize("fragment", [
    "统计代码", "访问量", "font-size", "政务服务", "互动交流", "您现在的位置", "索引号",
    "打印本页", "扫一扫", "县直部门网站", "搜索", "版权所有", "请启用脚本",
])
def test_html_scripts_navigation_and_furniture_are_dropped(fragment):
    assert fragment not in to_text(html_page().encode("utf-8"), "report.html")


def test_a_gbk_html_page_declaring_its_charset_is_decoded():
    data = html_page(charset="gbk").encode("gbk")
    assert to_text(data, "report.htm") == REPORT


def test_html_saved_with_a_txt_suffix_is_read_as_html():
    assert to_text(html_page().encode("utf-8"), "report.txt") == REPORT


def test_a_form_wrapping_the_whole_page_does_not_hide_the_report():
    # ASP.NET sites put every page inside one <form>.
    paragraphs = "".join(f"<p>{line}</p>" for line in [TITLE, MEETING, *BODY])
    page = f"<html><body><form id='form1'><div>{paragraphs}</div></form></body></html>"
    assert to_text(page.encode("utf-8"), "report.html") == REPORT


def test_the_page_title_is_restored_when_the_main_element_leaves_it_out():
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY)
    page = (f"<html><head><title>2024年政府工作报告_青山县人民政府</title></head><body>"
            f"<div class='sidebar'>政务公开</div><div id='content'>{paragraphs}</div>"
            f"</body></html>")
    assert to_text(page.encode("utf-8"), "report.html") == "\n".join(["2024年政府工作报告", *BODY])


def test_a_page_without_an_obvious_main_element_keeps_all_its_text():
    page = ("<html><body><div>" + TITLE + "</div><div><p>" + BODY[1] + "</p></div>"
            "<div><span>" + BODY[2] + "</span></div></body></html>")
    assert to_text(page.encode("utf-8"), "report.html") == "\n".join([TITLE, BODY[1], BODY[2]])


def test_html_paragraphs_of_only_no_break_spaces_leave_no_lines():
    page = f"<html><body><p>{BODY[1]}</p><p>&nbsp;&nbsp;</p><p>{BODY[2]}</p></body></html>"
    assert to_text(page.encode("utf-8"), "report.html") == "\n".join([BODY[1], BODY[2]])


def test_html_line_breaks_and_table_rows_become_lines():
    page = ("<html><body><div>" + TITLE + "<br>" + MEETING + "</div>"
            "<table><tr><td>" + BODY[0] + "</td></tr><tr><td>" + BODY[1] + "</td></tr></table>"
            "</body></html>")
    expected = "\n".join([TITLE, MEETING, BODY[0], BODY[1]])
    assert to_text(page.encode("utf-8"), "report.html") == expected


# --- .docx --------------------------------------------------------------------------

def test_docx_paragraphs_and_table_cells_come_out_in_document_order():
    data = make_docx([TITLE, MEETING], [["指标", "目标"], ["地区生产总值增长", "６％左右"]], BODY)
    expected = "\n".join([TITLE, MEETING, "指标", "目标", "地区生产总值增长", "６％左右", *BODY])
    assert to_text(data, "report.docx") == expected


def test_a_merged_docx_table_cell_is_read_once():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "主要预期目标"
    out = io.BytesIO()
    document.save(out)
    assert to_text(out.getvalue(), "report.docx") == "主要预期目标"


def test_a_truncated_docx_is_refused_as_corrupt():
    data = make_docx([TITLE], [["指标", "目标"]], BODY)
    assert reason_of(to_text, data[: len(data) // 2], "report.docx") == "corrupt or truncated docx"


def test_an_old_word_document_named_docx_is_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert reason_of(to_text, data, "report.docx") == "old word .doc format, not docx"


# --- .pdf ---------------------------------------------------------------------------

PDF_PAGES = [[TITLE, MEETING, BODY[0]], [BODY[1], BODY[2]]]


def test_pdf_text_of_every_page_comes_out_in_order():
    lines = to_text(make_pdf(PDF_PAGES), "report.pdf").splitlines()
    assert lines == [TITLE, MEETING, BODY[0], BODY[1], BODY[2]]


def test_a_pdf_with_a_txt_suffix_is_still_read_as_pdf():
    lines = to_text(make_pdf(PDF_PAGES), "report.txt").splitlines()
    assert lines[0] == TITLE


def test_a_truncated_pdf_is_refused_as_corrupt():
    data = make_pdf(PDF_PAGES)
    assert reason_of(to_text, data[: len(data) // 2], "report.pdf") == "corrupt or truncated pdf"


def test_a_pdf_without_a_text_layer_is_refused():
    assert reason_of(to_text, make_scanned_pdf(), "report.pdf") == "pdf has no text layer (scanned?)"


# --- from file to text --------------------------------------------------------------

def test_a_docx_file_on_disk_reads_through_to_text(tmp_path):
    path = write(tmp_path, "report.docx", make_docx([TITLE], [["指标", "目标"]], [BODY[1]]))
    assert to_text(read_path(path), str(path)) == "\n".join([TITLE, "指标", "目标", BODY[1]])


def test_a_truncated_file_error_names_the_file(tmp_path):
    data = make_pdf(PDF_PAGES)
    path = write(tmp_path, "report.pdf", data[: len(data) // 2])
    with pytest.raises(InputError) as caught:
        to_text(read_path(path), str(path))
    assert caught.value.path == str(path)
