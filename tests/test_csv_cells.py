"""CSV exports never hand a spreadsheet a formula taken from a document."""
import csv
import io

import pandas as pd

from dashboard.export import csv_bytes
from etl.csv_cells import safe_cell


def test_text_that_starts_like_a_formula_is_written_as_text():
    assert [safe_cell(v) for v in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "地区生产总值"]] == [
        "'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "地区生产总值"]


def test_numbers_stay_numbers_even_when_negative():
    assert safe_cell(-18.7) == -18.7


def test_the_dashboards_csv_quotes_a_formula_sentence_and_keeps_negative_values():
    frame = pd.DataFrame({"sentence": ["=cmd|' /C calc'!A0", "万元GDP能耗下降18.7%"], "value": [1.0, -18.7]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[1:] == [["'=cmd|' /C calc'!A0", "1.0"], ["万元GDP能耗下降18.7%", "-18.7"]]


def test_flags_read_true_and_false_as_in_json_lines():
    frame = pd.DataFrame({"strive": [True, False], "outcome_estimated": [True, None],
                          "headline": pd.array([False, None], dtype="boolean")})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert rows == [["strive", "outcome_estimated", "headline"], ["true", "true", "false"], ["false", "", ""]]
    assert [safe_cell(True), safe_cell(False)] == ["true", "false"]
