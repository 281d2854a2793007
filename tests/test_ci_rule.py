"""Under CI, a missing PostgreSQL server or Chromium fails the run instead of skipping its
tests; CI counts as set for any non-empty value of CI but 0, false and no, in any case."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import browser_support
from tests.ci_support import in_ci

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("value", ["true", "1", "yes", "TRUE", "True", "Yes", "on", "github-actions", " 1 "])
def test_any_non_empty_ci_value_but_0_false_or_no_is_ci(value):
    assert in_ci({"CI": value}) is True


@pytest.mark.parametrize("value", ["", "  ", "0", "false", "FALSE", "False", "no", "NO", "No"])
def test_an_empty_ci_value_or_0_false_or_no_is_not_ci(value):
    assert in_ci({"CI": value}) is False


def test_no_ci_variable_is_not_ci():
    assert in_ci({"PATH": "/usr/bin"}) is False


def test_the_rule_reads_the_process_environment_by_default(monkeypatch):
    monkeypatch.setenv("CI", "1")
    assert in_ci() is True
    monkeypatch.delenv("CI")
    assert in_ci() is False


def outcome_of(call) -> tuple[str, str]:
    """How `call` ends a test: ("failed" | "skipped" | "passed", message). A skip must not
    escape the test that checks for a failure: it would hide the failure it stands for."""
    try:
        call()
    except pytest.fail.Exception as e:
        return "failed", e.msg
    except pytest.skip.Exception as e:
        return "skipped", e.msg
    return "passed", ""


@pytest.mark.parametrize("value", ["true", "1", "yes", "TRUE"])
def test_a_missing_chromium_fails_under_ci(monkeypatch, tmp_path, value):
    monkeypatch.setattr(browser_support, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", value)
    outcome, message = outcome_of(browser_support.require_chromium)
    assert outcome == "failed" and "CI must run the browser test" in message


@pytest.mark.parametrize("value", [None, "", "0", "false", "no"])
def test_a_missing_chromium_only_skips_outside_ci(monkeypatch, tmp_path, value):
    monkeypatch.setattr(browser_support, "CHROMIUM", tmp_path / "no-chromium")
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    outcome, message = outcome_of(browser_support.require_chromium)
    assert outcome == "skipped" and "no-chromium is missing" in message


# One PostgreSQL case of a database test, run by a pytest of its own without a server.
POSTGRES_CASE = ("tests/test_db_rows_by_id.py::"
                 "test_fewer_ids_than_one_query_holds_and_no_ids_at_all_read_as_asked[postgresql]")


def run_postgres_case_without_a_server(ci: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKER_TEST_PG_URL", "CI")}
    env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs", POSTGRES_CASE],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci", ["1", "yes"])
def test_the_postgresql_cases_fail_under_ci_set_to_1_or_yes_without_a_server(ci):
    done = run_postgres_case_without_a_server(ci)
    assert done.returncode == 1, done.stdout + done.stderr
    # The fixture fails, so pytest counts an error where it would otherwise count a skip.
    assert "1 error" in done.stdout and "skipped" not in done.stdout
    assert "TRACKER_TEST_PG_URL is not set: CI must run the database tests on PostgreSQL too" in done.stdout


def test_the_postgresql_cases_skip_without_a_server_outside_ci():
    done = run_postgres_case_without_a_server("0")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout
