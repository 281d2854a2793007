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

# Published figures for 兰陵县's 2023 outcomes, as its 2024 work report gives them (rows of the
# shared folder's published_figures.csv, copied so that a bare clone runs this test).
SOURCE = "work_report,2024年兰陵县人民政府工作报告,http://www.ilynn.cn/document_detail/119828.html"
PUBLISHED = (
    "region,kind,year,indicator,measure,value,unit,comparator,estimated,source_type,source_title,source_url\n"
    f"兰陵县,outcome,2023,gdp,growth,6,%,approx,true,{SOURCE}\n"
    f"兰陵县,outcome,2023,general_budget_revenue,level,2730000000,元,exact,false,{SOURCE}\n"
    f"兰陵县,outcome,2023,general_budget_revenue,growth,10.2,%,exact,false,{SOURCE}\n"
    f"兰陵县,outcome,2023,fixed_asset_investment,growth,6.2,%,exact,false,{SOURCE}\n"
    f"兰陵县,outcome,2023,urban_disposable_income,level,42400,元,exact,false,{SOURCE}\n"
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """The URL of `tracker serve` on a new database holding the seeds and the published figures above."""
    require_chromium()
    from db.import_facts import import_table
    from db.ingest import ingest_paths
    from db.migrate import open_database

    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'tracker.sqlite'}"
    engine = open_database(url)
    assert not ingest_paths(engine, [REPO / "seeds"]).failed
    published = folder / "published_figures.csv"
    published.write_text(PUBLISHED, encoding="utf-8")
    assert import_table(engine, published).facts == 5
    engine.dispose()

    with serving(url, folder) as base:
        yield base


@pytest.fixture
def page(dashboard):
    from playwright.sync_api import sync_playwright

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
    """Move both ends of the year range onto `year` with the keyboard, as a reader might."""
    sidebar = page.get_by_test_id("stSidebar")
    for end in ("end", "start"):
        thumb = sidebar.get_by_role("slider", name=f"— {end}")
        thumb.focus()
        for _ in range(60):
            value = int(thumb.get_attribute("aria-valuetext"))
            if value == year:
                break
            page.keyboard.press("ArrowRight" if value < year else "ArrowLeft")


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
