"""Text from documents stays text in a real browser: `tracker serve` on reports whose sentences,
title, region name and file name carry <script> and <img onerror=…>, visited view by view in
headless Chromium. No dialog may open, no element from a document may appear in the page, and
each piece of markup must be readable on the page as the characters it is.

Skips only where Chromium is missing outside CI; under CI=true a missing browser fails.
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium, serving

WAIT_MS = 60_000

pytestmark = pytest.mark.browser

# Each payload opens a dialog numbered after where it came from, if it ever runs.
SCRIPT_IN_SENTENCE = "<script>alert(1)</script>"
IMG_IN_SENTENCE = "<img src=x onerror=alert(2)>"
IMG_IN_FILE_NAME = "<img src=x onerror=alert(3)>"
SCRIPT_IN_TITLE = "<script>alert(4)</script>"
IMG_IN_OTHER_SENTENCE = "<img src=x onerror=alert(5)>"
REGION = "白水<img src=x onerror=alert(7)>县"
IMG_IN_UPLOAD_NAME = "<img src=x onerror=alert(9)>"

# No title line: the report view names this document by its file.
QINGSHAN = ("——2024年1月9日在青山县第十九届人民代表大会第三次会议上\n各位代表:\n一、2023年工作回顾\n"
            f"全年地区生产总值增长5.2%{SCRIPT_IN_SENTENCE}。\n二、2024年工作安排\n"
            f"地区生产总值增长6%左右{IMG_IN_SENTENCE}。新建幼儿园5所{IMG_IN_OTHER_SENTENCE}。\n")
BAISHUI = (f"白水县2024年政府工作报告{SCRIPT_IN_TITLE}\n各位代表:\n一、2023年工作回顾\n全年地区生产总值增长4.9%。\n"
           "二、2024年工作安排\n地区生产总值增长6.5%左右。\n")
QINGHE = "清河县2024年政府工作报告\n各位代表:\n二、2024年工作安排\n地区生产总值增长7%左右。\n"


@dataclass
class Dashboard:
    base: str
    data: Path                       # the server's data folder
    documents: dict[str, int] = field(default_factory=dict)   # region → document id


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """`tracker serve` on a new database holding the two crafted reports, read by the real pipeline."""
    require_chromium()
    from db.ingest import default_extractor, ingest_paths
    from db.migrate import open_database
    from db.queries import documents

    folder = tmp_path_factory.mktemp("browser-safety")
    reports = folder / "reports"
    reports.mkdir()
    qingshan = reports / f"{IMG_IN_FILE_NAME}.txt"
    qingshan.write_text(QINGSHAN, encoding="utf-8")
    baishui = reports / "baishui.txt"
    baishui.write_text(BAISHUI, encoding="utf-8")
    url = f"sqlite:///{folder / 'tracker.sqlite'}"
    engine = open_database(url)
    assert [(r.status, r.facts) for r in ingest_paths(engine, [qingshan]).results] == [("new", 3)]
    # The region as an analyst might type it in the upload form or pass it with --region.
    assert not ingest_paths(engine, [baishui], extract=default_extractor(region=REGION)).failed
    ids = dict(zip(documents(engine)["region"], documents(engine)["id"].astype(int)))
    engine.dispose()

    with serving(url, folder) as base:
        yield Dashboard(base, folder / "data", ids)


@dataclass
class Reader:
    page: object
    base: str
    dialogs: list[str]

    def visit(self, tab: str, **params) -> None:
        query = [("regions", r) for r in ("青山县", REGION)] + [("tab", tab)] + list(params.items())
        self.page.goto(self.base + "?" + urllib.parse.urlencode(query))

    def shows(self, text: str, within=None):
        """The element showing `text` as characters, waited for until visible."""
        from playwright.sync_api import expect

        found = (within or self.page).get_by_text(text, exact=False).first
        expect(found).to_be_visible(timeout=WAIT_MS)
        return found

    def assert_nothing_ran(self) -> None:
        """No dialog opened, and no element or handler of a document's is in any frame."""
        self.page.wait_for_timeout(1000)   # a late onerror would fire by now
        assert self.dialogs == []
        for frame in self.page.frames:
            assert frame.locator("[onerror]").count() == 0
            assert frame.locator("img[src='x']").count() == 0
            scripts = frame.locator("script").all_text_contents()
            assert not [s for s in scripts if re.search(r"alert\(\d\)", s)]


@pytest.fixture
def reader(dashboard):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            yield Reader(page, dashboard.base, dialogs)
        finally:
            browser.close()


def document_picker_shows(reader: Reader, *texts: str) -> None:
    """The document picker holds `texts` in its box and in its opened list, as characters."""
    from playwright.sync_api import expect

    box = reader.page.get_by_test_id("stSelectbox").get_by_role("combobox")
    for text in texts:
        expect(box).to_have_value(re.compile(re.escape(text)), timeout=WAIT_MS)
    box.click()
    option = reader.page.get_by_role("option")
    for text in texts:
        expect(option.filter(has_text=text)).to_have_count(1, timeout=WAIT_MS)
    reader.page.keyboard.press("Escape")


def table_row(reader: Reader, text: str):
    """The row of the view's table holding `text`, from the table the grid writes out for screen readers."""
    from playwright.sync_api import expect

    table = reader.page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible(timeout=WAIT_MS)
    table.scroll_into_view_if_needed()
    row = table.locator("tbody tr").filter(has_text=text)
    expect(row).to_have_count(1, timeout=WAIT_MS)
    return row


# --- the views --------------------------------------------------------------------------------

def test_the_report_view_shows_a_reports_script_and_img_tags_as_text(dashboard, reader):
    reader.visit("report", document=dashboard.documents["青山县"])
    reader.shows(SCRIPT_IN_SENTENCE)
    # The sentence that holds the tag is still marked as a fact's evidence.
    marked = reader.page.locator("mark").filter(has_text=f"地区生产总值增长6%左右{IMG_IN_SENTENCE}")
    assert marked.count() == 1
    reader.assert_nothing_ran()


def test_the_report_view_names_a_document_by_its_crafted_file_name_as_text(dashboard, reader):
    reader.visit("report", document=dashboard.documents["青山县"])
    document_picker_shows(reader, f"/{IMG_IN_FILE_NAME}.txt")
    reader.assert_nothing_ran()


def test_the_report_view_shows_a_crafted_title_and_region_name_as_text(dashboard, reader):
    reader.visit("report", document=dashboard.documents[REGION])
    document_picker_shows(reader, f"白水县2024年政府工作报告{SCRIPT_IN_TITLE}", REGION)
    reader.assert_nothing_ran()


def test_the_sidebar_lists_a_crafted_region_name_as_text(dashboard, reader):
    reader.visit("promises")
    reader.shows(REGION, within=reader.page.get_by_test_id("stSidebar"))
    reader.assert_nothing_ran()


def test_the_scorecard_table_shows_a_target_sentence_with_tags_as_text(dashboard, reader):
    reader.visit("scorecard")
    row = table_row(reader, f"地区生产总值增长6%左右{IMG_IN_SENTENCE}")
    assert "青山县" in row.text_content()
    table_row(reader, REGION)
    reader.assert_nothing_ran()


def test_the_commitments_table_shows_a_sentence_with_tags_as_text(dashboard, reader):
    reader.visit("commitments")
    table_row(reader, f"新建幼儿园5所{IMG_IN_OTHER_SENTENCE}")
    reader.assert_nothing_ran()


@pytest.mark.parametrize("tab", ["promises", "compare", "escalation"])
def test_a_chart_writes_a_crafted_region_name_as_text(dashboard, reader, tab):
    reader.visit(tab, region=REGION)
    chart = reader.page.get_by_test_id("stPlotlyChart").first
    reader.shows(REGION, within=chart)
    reader.assert_nothing_ran()


def test_an_upload_with_a_crafted_file_name_is_named_as_text_and_kept_under_a_safe_name(dashboard, reader):
    from playwright.sync_api import expect

    reader.visit("upload")
    reader.page.locator("input[type=file]").set_input_files(files=[{
        "name": f"{IMG_IN_UPLOAD_NAME}.txt", "mimeType": "text/plain", "buffer": QINGHE.encode("utf-8")}])
    button = reader.page.locator(".st-key-upload_button button")
    expect(button).to_be_enabled(timeout=WAIT_MS)
    button.click()
    expect(reader.page.get_by_test_id("stAlertContentSuccess")).to_be_visible(timeout=WAIT_MS)
    reader.shows(f"{IMG_IN_UPLOAD_NAME}.txt")
    reader.assert_nothing_ran()
    [kept] = list((dashboard.data / "uploads").iterdir())
    assert kept.name.endswith("_img_src_x_onerror_alert_9_.txt")
