"""Judging rules on hand-made facts: tolerances, comparators, directions, sources, derived growth."""
from __future__ import annotations

import pytest

from db.judge import FactView, derive, distinct, index_outcomes, judge, judge_each, rank, status_of
from db.rules import Tolerances

TOL = Tolerances(points=0.5, level_percent=2.0)
RANKS = {"statistical_bulletin": 40, "work_report": 30, "news_summary": 20}


def fact(value, *, kind="target", measure="growth", unit="%", comparator="approx", year=2023,
         indicator=1, region=1, estimated=False, source="work_report", report_year=None,
         corrected=False, id=None, document=None, sentence="", value_high=None, basis="") -> FactView:
    return FactView(id=id, document_id=document, region_id=region, indicator_id=indicator,
                    kind=kind, year=year, measure=measure, value=value, unit=unit,
                    comparator=comparator, strive=False, estimated=estimated, source_type=source,
                    source_title=source, sentence=sentence, report_year=report_year,
                    value_high=value_high, basis=basis, corrected=corrected)


def outcome(value, **kw) -> FactView:
    kw.setdefault("comparator", "exact")
    return fact(value, kind="outcome", **kw)


@pytest.mark.parametrize("result, status", [
    (6.6, "met"), (7.4, "met"), (6.5, "met"), (7.5, "met"), (6.4, "missed"), (7.6, "exceeded")])
def test_an_approx_growth_target_is_met_within_half_a_point_on_either_side(result, status):
    assert status_of(fact(7), result, "higher", TOL) == status


@pytest.mark.parametrize("result, status", [(7850, "met"), (8150, "met"), (7800, "missed"), (8200, "exceeded")])
def test_an_approx_level_target_is_met_within_two_percent_on_either_side(result, status):
    assert status_of(fact(8000, measure="level", unit="人"), result, "higher", TOL) == status


def test_the_tolerance_can_be_widened():
    assert status_of(fact(7), 6.2, "higher", Tolerances(points=1.0, level_percent=2.0)) == "met"


@pytest.mark.parametrize("result, status", [(5, "met"), (9, "met"), (4.9, "missed")])
def test_an_at_least_target_is_met_on_its_side_only(result, status):
    assert status_of(fact(5, comparator="at_least"), result, "higher", TOL) == status


@pytest.mark.parametrize("result, status", [(3.5, "met"), (1.2, "met"), (3.6, "missed")])
def test_an_at_most_target_is_met_on_its_side_only(result, status):
    assert status_of(fact(3.5, measure="level", comparator="at_most"), result, "lower", TOL) == status


@pytest.mark.parametrize("result, status", [(2.9, "met"), (1.9, "exceeded"), (3.1, "missed")])
def test_a_lower_is_better_rate_is_judged_downwards(result, status):
    unemployment = fact(2.5, measure="level", comparator="approx")
    assert status_of(unemployment, result, "lower", TOL) == status


@pytest.mark.parametrize("result, status", [(-4.0, "met"), (-3.0, "met"), (-2.0, "missed")])
def test_a_fall_of_at_least_three_percent_needs_the_outcome_to_fall_that_far(result, status):
    energy_intensity = fact(-3, comparator="at_least")   # 单位GDP能耗下降3%以上
    assert status_of(energy_intensity, result, "lower", TOL) == status


@pytest.mark.parametrize("result, status", [(8645, "exceeded"), (8000, "met"), (7990, "missed")])
def test_a_bare_number_is_met_only_when_reached(result, status):
    assert status_of(fact(8000, measure="level", unit="人", comparator="exact"), result, "higher", TOL) == status


def test_a_neutral_indicator_is_missed_rather_than_exceeded_outside_the_tolerance():
    assert status_of(fact(5, measure="level", unit="‰"), 6, "neutral", TOL) == "missed"


def test_a_final_figure_outranks_an_estimate_from_a_better_source():
    estimate = outcome(6.0, estimated=True, source="statistical_bulletin")
    final = outcome(5.8, source="work_report")
    assert rank(final, RANKS) > rank(estimate, RANKS)


def test_a_bulletin_outranks_a_later_work_report():
    bulletin = outcome(2.8, source="statistical_bulletin", report_year=2023)
    report = outcome(3.0, source="work_report", report_year=2024)
    assert rank(bulletin, RANKS) > rank(report, RANKS)


def test_a_correction_outranks_everything():
    corrected = outcome(5.0, estimated=True, source="correction", corrected=True)
    bulletin = outcome(2.8, source="statistical_bulletin")
    assert rank(corrected, RANKS) > rank(bulletin, RANKS)


def test_growth_is_derived_from_two_consecutive_levels():
    derived = derive("growth", outcome(42400, measure="level", unit="元"),
                     outcome(40000, measure="level", unit="元", year=2022))
    assert (round(derived.value, 6), derived.unit, derived.derived) == (6.0, "%", True)


def test_the_change_of_a_rate_is_derived_in_points():
    derived = derive("change", outcome(61.5, measure="level"), outcome(60.0, measure="level", year=2022))
    assert (round(derived.value, 6), derived.unit) == (1.5, "pp")


def test_levels_in_different_units_derive_nothing():
    assert derive("growth", outcome(100, measure="level", unit="元"),
                  outcome(90, measure="level", unit="美元", year=2022)) is None


def _judge(targets, outcomes, better="higher"):
    return judge_each(distinct(targets, RANKS), *index_outcomes(outcomes), {1: better}, TOL, RANKS)


def test_a_target_without_any_outcome_is_pending():
    [j] = _judge([fact(7)], [])
    assert (j.status, j.outcome, j.gap) == ("pending", None, None)


def test_a_growth_target_with_only_a_level_that_year_is_not_comparable():
    [j] = _judge([fact(7)], [outcome(40540000000, measure="level", unit="元")])
    assert (j.status, j.gap) == ("not comparable", None)


def test_a_level_target_against_an_outcome_in_another_currency_is_not_comparable():
    [j] = _judge([fact(20000000, measure="level", unit="美元", comparator="at_least")],
                 [outcome(150000000, measure="level", unit="元")])
    assert (j.status, j.outcome.value) == ("not comparable", 150000000)


def test_a_qualitative_target_is_listed_but_not_judged():
    [j] = _judge([fact(None, measure="qualitative", unit="", comparator="exact")], [outcome(1.7)])
    assert (j.status, j.outcome, j.gap) == ("qualitative", None, None)


def test_the_gap_is_outcome_minus_target():
    [j] = _judge([fact(10)], [outcome(10.2)])
    assert (j.status, j.gap) == ("met", 0.2)


def test_the_most_authoritative_outcome_is_the_one_judged():
    [j] = _judge([fact(7)], [outcome(6.0, estimated=True, report_year=2024, id=1),
                             outcome(6.6, source="statistical_bulletin", id=2),
                             outcome(6.3, report_year=2024, id=3)])
    assert (j.outcome.fact_id, j.status) == (2, "met")


def test_a_derived_growth_stands_in_only_when_no_growth_was_reported():
    levels = [outcome(42400, measure="level", unit="元"), outcome(40000, measure="level", unit="元", year=2022)]
    [derived] = _judge([fact(7)], levels)
    [reported] = _judge([fact(7)], levels + [outcome(6.9)])
    assert (derived.outcome.derived, derived.status) == (True, "missed")
    assert (reported.outcome.derived, reported.outcome.value) == (False, 6.9)


def test_a_target_stated_twice_is_judged_once():
    assert len(_judge([fact(7, source="work_report"), fact(7, source="news_summary")], [])) == 1


def test_outcomes_of_another_region_or_year_do_not_count():
    [j] = _judge([fact(7)], [outcome(6.0, region=2), outcome(6.0, year=2022)])
    assert j.status == "pending"


def test_every_document_type_has_a_source_rank():
    from db.models import DOC_TYPES
    from db.rules import source_ranks

    assert set(DOC_TYPES) <= set(source_ranks())


def test_the_default_tolerances_are_half_a_point_and_two_percent():
    from db.rules import default_tolerances

    assert default_tolerances() == Tolerances(points=0.5, level_percent=2.0)


def _each_as_judge(targets, outcomes, better="higher"):
    """judge_each's verdicts beside judge's, target by target."""
    by_key, years_reported = index_outcomes(outcomes)
    each = judge_each(targets, by_key, years_reported, {1: better}, TOL, RANKS)
    one_by_one = [judge(t, by_key, years_reported, better, TOL, RANKS) for t in targets]
    return each, one_by_one


@pytest.mark.parametrize("outcomes", [
    [outcome(7.2)],                                                     # the usual case
    [outcome(7.2, unit="pp")],                                          # a growth is a percentage anyway
    [outcome(None)],                                                    # no figure
    [outcome(6.0, id=1), outcome(6.4, id=2, source="statistical_bulletin")],   # ranked
    [outcome(100, measure="level", unit="元"), outcome(90, measure="level", unit="元", year=2022)],
    [outcome(1.0, measure="level", unit="元")],                         # reported in other terms
    [outcome(90, measure="level", unit="元", year=2022)],               # a level of the year before only
    [outcome(5.2, measure="level", unit="%"), outcome(5.0, measure="level", unit="%", year=2022)],  # a change
    [outcome(0.3, measure="change", unit="pp")],                        # the change target's terms only
    [],
])
def test_judging_many_targets_gives_what_judging_each_gives(outcomes):
    targets = [fact(7), fact(7, comparator="at_least"), fact(None), fact(None, measure="qualitative"),
               fact(7, measure="qualitative"), fact(7, region=2), fact(0.5, measure="change", unit="pp"),
               fact(100, measure="level", unit="元")]
    each, one_by_one = _each_as_judge(targets, outcomes)
    assert each == one_by_one


def test_an_outcome_in_another_unit_is_not_comparable_when_judging_many():
    target = fact(8000, measure="level", unit="人")
    [j], [expected] = _each_as_judge([target], [outcome(9000, measure="level", unit="万人")])
    assert j == expected and j.status == "not comparable"


@pytest.mark.parametrize("result, better, status", [
    (6.2, "higher", "met"), (6.0, "higher", "met"), (6.5, "higher", "met"), (6.8, "higher", "exceeded"),
    (5.9, "higher", "missed"), (5.9, "lower", "exceeded"), (6.8, "lower", "missed")])
def test_a_range_is_met_inside_it_and_judged_beyond_it_in_the_indicators_direction(result, better, status):
    band = fact(6, comparator="range", value_high=6.5)     # "增长6%-6.5%"
    assert status_of(band, result, better, TOL) == status


@pytest.mark.parametrize("result, status", [(-1200, "met"), (-1000, "met"), (-800, "missed"), (200, "missed")])
def test_a_reduction_of_at_least_an_amount_needs_a_reduction_that_large(result, status):
    # "减少1000吨以上": a reduction of 800 tonnes is short of the promise, not beyond it.
    reduction = fact(-1000, measure="increase", unit="吨", comparator="at_least")
    assert status_of(reduction, result, "higher", TOL) == status


def test_the_plain_figure_answers_a_plain_target_and_the_comparable_one_a_comparable_target():
    # "一般公共预算收入增长0.6%(…可比口径增长13%以上)" answers 增长5%以上 and 可比口径增长8%以上.
    outcomes = [outcome(0.6, id=1), outcome(13, comparator="at_least", basis="comparable", id=2)]
    plain, comparable = _judge([fact(5, comparator="at_least"),
                                fact(8, comparator="at_least", basis="comparable")], outcomes)
    assert (plain.outcome.value, plain.status) == (0.6, "missed")
    assert (comparable.outcome.value, comparable.status) == (13, "met")


def test_a_comparable_figure_answers_when_it_is_the_only_one():
    [j] = _judge([fact(8)], [outcome(8, basis="comparable")])       # "一般公共预算收入可比增长8%"
    assert (j.outcome.value, j.status) == (8, "met")


def test_an_exact_figure_outranks_a_bound_of_the_same_source():
    # "生产总值跨越8000亿元大关、达到8349.86亿元"
    [j] = _judge([fact(8000e8, measure="level", unit="元", comparator="at_least")],
                 [outcome(8349.86e8, measure="level", unit="元", id=1),
                  outcome(8000e8, measure="level", unit="元", comparator="at_least", id=2)])
    assert j.outcome.value == 8349.86e8


def test_a_growth_is_not_derived_from_levels_of_two_publications():
    levels = [outcome(42400, measure="level", unit="元", document=2),
              outcome(40000, measure="level", unit="元", year=2022, document=1)]
    [j] = _judge([fact(7)], levels)
    assert (j.outcome, j.status) == (None, "not comparable")


def test_a_growth_is_not_derived_from_a_bound():
    # "预计全市地区生产总值超过1.2万亿元" is no level to divide by.
    levels = [outcome(12000, measure="level", unit="元", comparator="at_least"),
              outcome(11432, measure="level", unit="元", year=2022)]
    [j] = _judge([fact(5.5, comparator="at_least")], levels)
    assert (j.outcome, j.status) == (None, "not comparable")


@pytest.mark.parametrize("target, result, status", [
    (-3, -3.4, "exceeded"),     # "主要污染物排放总量降低3%": a larger cut beats the promise
    (-3, -2.0, "missed"),
    (-3, -3.0, "met"),
    (5, 6, "exceeded"),         # a rise promised: a larger rise beats it
    (5, 4, "missed"),
])
def test_an_indicator_the_catalog_does_not_know_is_judged_in_the_direction_its_target_states(target, result, status):
    from db.judge import AS_STATED
    assert status_of(fact(target, comparator="exact"), result, AS_STATED, TOL) == status
