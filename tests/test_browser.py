"""The dashboard in a real browser: `tracker serve` on the seeds and a table of published
figures written here, driven with Debian's headless Chromium the way a reader would use it.

Skips only where Chromium is missing outside CI; under CI (see tests/ci_support.py) a missing
browser fails.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium, serving

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.browser


def settled(page) -> None:
    """Wait until the app has run to the end: its tabs are drawn and Streamlit's status widget,
    shown while a script runs, is gone."""
    from playwright.sync_api import expect

    expect(page.get_by_role("tab").first).to_be_visible(timeout=90_000)
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=90_000)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """The URL of `tracker serve` on a new database filled by the first start: the seeds (全国,
    山东省, 临沂市, 兰陵县, 罗庄区 and the published figures)."""
    require_chromium()
    from dashboard.first_start import seed_if_empty

    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'tracker.sqlite'}"
    lines = list(seed_if_empty(url))
    assert lines[1].startswith("first start: ingested 147 seed reports"), lines
    with serving(url, folder) as base:
        yield base


@pytest.fixture
def page(dashboard):
    from playwright.sync_api import sync_playwright

    from playwright.sync_api import expect

    # A busy machine (CI runs the suite on two cores) may take seconds over a rerun.
    expect.set_options(timeout=30_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True,
                                          locale="zh-CN")
            yield context.new_page()
        finally:
            browser.close()


def choose_region(page, name: str) -> None:
    from playwright.sync_api import expect

    regions = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    regions.get_by_role("button", name="Clear all").click()
    # Each change reruns the app: choosing before the cleared state is shown lets that
    # rerun land after the choice and bring the old selection back.
    expect(regions.get_by_role("button", name=re.compile("^Remove"))).to_have_count(0, timeout=30_000)
    regions.get_by_role("combobox").click()
    page.keyboard.type(name)
    # Wait for the filtered option itself: on a busy machine Enter can come before the list.
    page.get_by_role("option", name=re.compile("^" + re.escape(name))).first.click()
    page.keyboard.press("Escape")


def choose_one_year(page, year: int) -> None:
    """Move both ends of the year range onto `year` with the keyboard, as a reader might: End
    takes a thumb to the last year it may reach (for the start, the end's), then ← steps back.
    A rerun still on its way may move a thumb back: each end is checked again once the app
    has settled."""
    sidebar = page.get_by_test_id("stSidebar")
    for end in ("end", "start"):
        thumb = sidebar.get_by_role("slider", name=f"— {end}")
        for _ in range(3):
            thumb.focus()
            page.keyboard.press("End")
            for _ in range(80):
                value = int(thumb.get_attribute("aria-valuetext"))
                if value == year:
                    break
                page.keyboard.press("ArrowRight" if value < year else "ArrowLeft")
            settled(page)
            if int(thumb.get_attribute("aria-valuetext")) == year:
                break


def test_a_reader_sees_lanling_miss_its_2023_gdp_target_and_downloads_the_rows(dashboard, page, tmp_path):
    from playwright.sync_api import expect

    page.goto(dashboard)
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=60_000)

    choose_region(page, "兰陵县")
    choose_one_year(page, 2023)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name=re.compile("^Remove"))).to_have_count(1)
    expect(sidebar.get_by_role("button", name=re.compile("^Remove 兰陵县"))).to_have_count(1)
    expect(sidebar.get_by_role("slider", name="— start")).to_have_attribute("aria-valuetext", "2023")

    page.get_by_role("tab", name="记分卡").click()
    expect(page).to_have_url(re.compile(r"regions=%E5%85%B0%E9%99%B5%E5%8E%BF&years=2023&.*tab=scorecard"))
    table = page.get_by_test_id("stDataFrame").first
    table.scroll_into_view_if_needed()
    # The grid draws on a canvas; its cells are also written out as an accessible table.
    gdp = table.locator("tbody tr").filter(has_text="地区生产总值").filter(has_text="增长")
    expect(gdp).to_have_count(1, timeout=30_000)
    header = table.locator("thead th").all_text_contents()
    cells = dict(zip(header, gdp.locator("td").all_text_contents()))
    assert (cells["地区"], cells["年份"], cells["目标"], cells["表述"]) == ("兰陵县", "2023", "7%", "左右")
    assert (cells["结果"], cells["结果类型"], cells["完成情况"]) == ("6%", "预计数", "未完成")
    page.screenshot(path=tmp_path / "scorecard.png", full_page=True)

    with page.expect_download() as download_info:
        page.locator(".st-key-csv-scorecard button").click()
    download = download_info.value
    assert download.suggested_filename == "scorecard_兰陵县_2023.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and {(r["region"], r["year"]) for r in rows} == {("兰陵县", "2023")}
    gdp_rows = [r for r in rows if (r["indicator"], r["measure"]) == ("gdp", "growth")]
    assert [(r["target_value"], r["comparator"], r["outcome_value"], r["outcome_kind"], r["status"])
            for r in gdp_rows] == [("7.0", "approx", "6.0", "estimated", "missed")]
    assert gdp_rows[0]["target_sentence"] == "地区生产总值增长7%左右"


# --- The track record on the real seeds -----------------------------------------------------
# The expected figures are the documents' own: the State Council's reports promised GDP growth
# of 5%左右 for 2023 and 2024 and reported 5.2% and 5% the year after; 山东省 promised 5%以上 for
# 2023-2025 and reported 6%, 5.7% and 5.5%.

TABS = ["历年目标与结果", "谁兑现了承诺", "记分卡", "地区比较", "层层加码", "报告原文", "全部量化表述", "添加报告"]


def gdp_chart_texts(page) -> list[str]:
    """The figures written on the chart of GDP growth."""
    chart = page.get_by_test_id("stPlotlyChart").filter(has_text="地区生产总值 · 增长 (%)")
    chart.locator(".textpoint text").first.wait_for(state="attached", timeout=60_000)
    return chart.locator(".textpoint text").all_text_contents()


def charts_before(page, title: str) -> int:
    """How many charts come before the one titled `title` (each is followed by its sources)."""
    titles = [c.locator(".gtitle").first.text_content() for c in page.get_by_test_id("stPlotlyChart").all()]
    return titles.index(title)


def download(page, button) -> tuple[str, list[dict]]:
    with page.expect_download() as info:
        button.click()
    done = info.value
    data = Path(done.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM"
    return done.suggested_filename, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_first_view_is_the_national_track_record_with_values_and_sources_printed(dashboard, page):
    from playwright.sync_api import expect

    page.goto(dashboard)
    settled(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name=re.compile("^Remove"))).to_have_count(1)
    expect(sidebar.get_by_role("button", name=re.compile("^Remove 全国"))).to_have_count(1)
    expect(page.get_by_role("tab", name=TABS[0])).to_have_attribute("aria-selected", "true")

    written = gdp_chart_texts(page)
    assert {"5.2%", "5%", "3%", "8.1%"} <= set(written), written
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="判定规则").first
    expect(caption).to_contain_text("“左右”与目标相差不超过 0.5 个百分点")
    expect(caption).to_contain_text("2026 年的来源：目标：全国 2026年 政府工作报告")
    gdp_sources = page.get_by_test_id("stExpander").nth(charts_before(page, "地区生产总值 · 增长 (%)"))
    gdp_sources.locator("summary").click()
    expect(gdp_sources).to_contain_text("2024 · 目标：全国 2024年 政府工作报告 · 结果：全国 2025年 政府工作报告")

    name, rows = download(page, page.locator("[class*='st-key-csv-promises-gdp-growth'] button"))
    assert name.startswith("promises_全国_") and name.endswith("_gdp-growth.csv")
    by_year = {r["year"]: r for r in rows}
    assert [by_year["2023"][k] for k in ("target_value", "comparator", "outcome_value", "status")] == [
        "5.0", "approx", "5.2", "met"]


def test_the_track_record_of_shandong_writes_targets_and_outcomes_of_recent_years(dashboard, page):
    page.goto(f"{dashboard}?regions=山东省&years=2019-2026")
    settled(page)
    written = gdp_chart_texts(page)
    # Few years: each target's wording is written under it, each outcome above it.
    assert {"5% 以上", "6%", "5.7%", "5.5%"} <= set(written), written


def test_charts_are_laid_out_once_with_ticks_and_legend_inside(dashboard, page):
    # Plotly lays a chart out a second time when its margins must grow for ticks or legend:
    # the margins a figure sets must hold them already: a track record of one panel and of a
    # grid, who keeps promises (names as ticks), the scorecard's totals (two rows of ticks).
    for query, charts_at_least in (("regions=全国", 3), ("regions=全国&regions=山东省&regions=临沂市", 3),
                                   ("tab=keepers", 1), ("tab=scorecard&regions=山东省&regions=临沂市", 1)):
        page.goto(f"{dashboard}?{query}")
        settled(page)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached", timeout=60_000)
        charts = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(g => {
            const box = g.querySelector('.main-svg').getBoundingClientRect();
            const inside = e => { const b = e.getBoundingClientRect();
                return b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom; };
            return {set: [g.layout.margin.l, g.layout.margin.b],
                    drawn: [g._fullLayout._size.l, g._fullLayout._size.b],
                    inside: [...g.querySelectorAll('.legend, .ytick text, .xtick text, .xtick2 text')].every(inside)}; })""")
        assert len(charts) >= charts_at_least, (query, charts)
        assert all(c["set"] == c["drawn"] and c["inside"] for c in charts), (query, charts)


def test_the_region_list_offers_regions_only_in_the_readers_language(dashboard, page):
    from playwright.sync_api import expect

    page.goto(f"{dashboard}?regions=全国")
    settled(page)
    regions = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    regions.get_by_role("combobox").click()
    expect(page.get_by_role("option").first).to_be_visible()
    # Streamlit's own bulk choices ("Select all", "Select 2 matches") are English only.
    assert not [t for t in page.get_by_role("option").all_inner_texts() if re.search("[A-Za-z]", t)]
    page.keyboard.type("山东")
    expect(page.get_by_role("option").first).to_contain_text("山东")
    offered = page.get_by_role("option").all_inner_texts()
    assert offered and all("山东" in t for t in offered), offered


def test_a_range_target_is_written_with_both_ends(dashboard, page):
    from playwright.sync_api import expect

    # The State Council's 2026 report: "经济增长4.5%—5%"; 山东省's: "地区生产总值增长5%以上".
    page.goto(f"{dashboard}?regions=山东省&tab=escalation&region=山东省&indicator=gdp:growth&year=2026")
    settled(page)
    chart = page.get_by_test_id("stPlotlyChart").first
    expect(chart.locator("text.bartext").first).to_be_attached()
    assert chart.locator("text.bartext").all_text_contents() == ["4.5%—5%", "5% 以上"]
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("目标上限")


def test_every_tab_opens_with_one_click(dashboard, page):
    from playwright.sync_api import expect

    page.goto(f"{dashboard}?regions=山东省&years=2019-2025")
    settled(page)
    for name in [*TABS[1:], TABS[0]]:
        tab = page.get_by_role("tab", name=name)
        tab.click()
        # A lost click leaves the tab unselected: no second click is allowed to rescue it.
        expect(tab).to_have_attribute("aria-selected", "true", timeout=15_000)
        settled(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_text("这个页面出错了")).to_have_count(0)


def test_each_charts_csv_downloads_with_the_rows_plotted(dashboard, page):
    page.goto(f"{dashboard}?regions=全国&years=2019-2025")
    settled(page)
    gdp_chart_texts(page)
    buttons = page.locator("[class*='st-key-csv-promises'] button")
    charts = page.get_by_test_id("stPlotlyChart").count()
    assert buttons.count() == charts > 1
    names = set()
    for i in range(buttons.count()):
        name, rows = download(page, buttons.nth(i))
        names.add(name)
        assert rows and {r["region"] for r in rows} == {"全国"}
        assert {int(r["year"]) for r in rows} <= set(range(2019, 2026))
    assert len(names) == charts


def test_a_short_uploaded_report_is_a_target_of_the_year_it_names(dashboard, page, tmp_path):
    from playwright.sync_api import expect

    report = tmp_path / "short.txt"
    report.write_text("2024年全县地区生产总值增长6.5%左右。\n", encoding="utf-8")
    page.goto(f"{dashboard}?tab=upload")
    settled(page)
    # Streamlit's own "Upload" and "20MB per file" stay hidden; the reader's words show instead
    # (once the page's style is in: it may come a moment after the uploader).
    words = """() => {
      const words = el => el ? [getComputedStyle(el).fontSize, getComputedStyle(el, '::after').content] : [];
      const button = document.querySelector('[data-testid="stFileUploaderDropzone"] button p');
      const limits = document.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
      return [words(button), words(limits)];
    }"""
    page.wait_for_function(f"() => ({words})().every(w => w[0] === '0px')", timeout=15_000)
    shown = page.evaluate(words)
    assert shown[0] == ["0px", '"选择文件"'] and shown[1][0] == "0px" and "每个文件不超过" in shown[1][1]
    page.locator("input[type=file]").set_input_files(report)
    page.get_by_label("地区（报告中未写明时填写）").fill("郯城县")
    page.get_by_label("年份（报告中未写明时填写）").fill("2024")
    page.get_by_label("年份（报告中未写明时填写）").press("Enter")
    page.get_by_role("button", name="导入").click()
    expect(page.get_by_text("已导入，共 1 条数据")).to_be_visible(timeout=60_000)

    page.goto(f"{dashboard}?regions=郯城县&years=2024&tab=scorecard")
    settled(page)
    name, rows = download(page, page.locator(".st-key-csv-scorecard button"))
    assert [(r["year"], r["indicator"], r["target_value"], r["comparator"], r["status"]) for r in rows] == [
        ("2024", "gdp", "6.5", "approx", "pending")]
