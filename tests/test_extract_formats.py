"""The same report as .txt, .html, .docx and a line-wrapped .pdf gives the same facts."""
import html
import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from etl.pipeline import extract_bytes
from tests.report_builder import as_docx

REPORT = """白水县2024年政府工作报告
——2024年1月8日在白水县第十九届人民代表大会第三次会议上
各位代表:
一、2023年工作回顾
过去一年,全县上下团结奋斗,预计全年地区生产总值增长5.1%,完成一般公共预算收入12.6亿元、增长8.2%,城镇、农村居民人均可支配收入分别达到3.9万元、1.8万元。
二、2024年工作安排
今年全县经济社会发展主要预期目标是:地区生产总值增长6%左右,一般公共预算收入增长7%左右,固定资产投资、社会消费品零售总额增长8%左右,城镇登记失业率控制在3.5%以内。
"""
# (kind, year, indicator, measure, value), worked out by hand from REPORT.
EXPECTED = [
    ("outcome", 2023, "gdp", "growth", 5.1),
    ("outcome", 2023, "general_budget_revenue", "level", 1.26e9),
    ("outcome", 2023, "general_budget_revenue", "growth", 8.2),
    ("outcome", 2023, "urban_disposable_income", "level", 39000),
    ("outcome", 2023, "rural_disposable_income", "level", 18000),
    ("target", 2024, "gdp", "growth", 6),
    ("target", 2024, "general_budget_revenue", "growth", 7),
    ("target", 2024, "fixed_asset_investment", "growth", 8),
    ("target", 2024, "retail_sales", "growth", 8),
    ("target", 2024, "registered_unemployment_rate", "level", 3.5),
]


def as_html(text: str) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = (f"<html><head><meta charset='gb18030'><title>白水县2024年政府工作报告</title>"
            f"<script>alert('x')</script></head><body><div class='nav'>首页 &gt; 政府公开</div>"
            f"<div class='article'>{body}</div><div>扫一扫在手机打开当前页面</div></body></html>")
    return page.encode("gb18030")


def as_wrapped_pdf(text: str, width: int = 23) -> bytes:
    # Lines cut every `width` characters, as a PDF's text layer gives them: names and
    # numbers are split across lines ("一般公共预算收\n入").
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 10)
    y = 800
    for para in text.splitlines():
        for i in range(0, len(para), width):
            c.drawString(40, y, para[i:i + width])
            y -= 14
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("name, data", [
    ("r.txt", REPORT.encode("utf-8")),
    ("r.txt", REPORT.encode("gb18030")),
    ("r.txt", REPORT.encode("utf-16")),
    ("r.html", as_html(REPORT)),
    ("r.docx", as_docx(REPORT)),
    ("r.pdf", as_wrapped_pdf(REPORT)),
], ids=["utf8", "gb18030", "utf16", "html", "docx", "pdf"])
def test_every_format_gives_the_same_facts(name, data):
    r = extract_bytes(data, name)
    assert (r.meta.region, r.meta.report_year) == ("白水县", 2024)
    got = [(f.kind, f.year, f.indicator, f.measure, f.value) for f in r.facts if not f.indicator.startswith("other:")]
    assert got == EXPECTED
    assert all(r.text[f.start:f.end] == f.sentence for f in r.facts)
