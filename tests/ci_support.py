"""Whether the tests run under CI, the rule the PostgreSQL and browser tests share: there a
missing server or browser fails the run, elsewhere it only skips those tests.

CI services set CI to "true", "1", "yes" or another word; any non-empty value counts but 0,
false and no (in any case), so that CI=1 cannot skip a backend silently.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

import pytest

NOT_CI = frozenset({"", "0", "false", "no"})


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """Whether `environ` (the process's environment by default) says this is a CI run."""
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() not in NOT_CI


def missing(reason: str, in_ci_reason: str) -> None:
    """A test's requirement is missing: under CI that fails it, elsewhere it skips."""
    if in_ci():
        pytest.fail(in_ci_reason)
    pytest.skip(reason)
