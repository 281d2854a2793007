"""Figures read back as a report would write them, in the terminal and the dashboard."""
import math

import pytest

from etl.figures import figure


@pytest.mark.parametrize("value, unit, shown", [
    (405.4e8, "元", "405.4亿元"),
    (17200, "户", "1.72万户"),
    (4900, "人", "4900人"),
    (7, "%", "7%"),
    (1.5, "pp", "1.5 pp"),
    (3.5, "‰", "3.5‰"),
    (-2.0e8, "元", "-2亿元"),
    (12000, "千瓦", "12000千瓦"),       # not a counted unit: no 万
])
def test_a_figure_reads_as_people_write_it(value, unit, shown):
    assert figure(value, unit) == shown


@pytest.mark.parametrize("nothing", [None, math.nan])
def test_no_figure_reads_as_a_dash(nothing):
    assert figure(nothing, "元") == "—"
