"""Tables derived from package data are kept between runs, and never trusted blindly: a
changed source, a damaged entry or a cache that cannot be written only means building again."""
from __future__ import annotations

import pytest

from etl import derived_cache
from etl.derived_cache import derived


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(folder))
    return folder


class Builder:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_table_is_built_once_and_read_back_equal(cache):
    build = Builder({"地区生产总值": 3, "地区": 0, "total": [1, 2.5]})
    assert derived("words", [b"a"], build) == build.value
    assert derived("words", [b"a"], build) == build.value
    assert build.calls == 1
    assert len(list(cache.iterdir())) == 1


def test_changed_sources_build_again_and_the_stale_entry_goes(cache):
    old, new = Builder({"a": 1}), Builder({"a": 2})
    derived("words", [b"catalog v1"], old)
    assert derived("words", [b"catalog v2"], new) == {"a": 2}
    assert new.calls == 1
    assert len(list(cache.glob("words-*"))) == 1
    # Sources are told apart by their boundaries too, not only by their concatenation.
    assert derived("words", [b"catalog", b" v2"], Builder({"a": 3})) == {"a": 3}


def test_a_damaged_entry_is_built_again(cache):
    derived("words", [b"a"], Builder({"a": 1}))
    (entry,) = cache.glob("words-*")
    entry.write_bytes(b"\x00garbage")
    build = Builder({"a": 1})
    assert derived("words", [b"a"], build) == {"a": 1}
    assert build.calls == 1


def test_an_unwritable_cache_still_gives_the_table(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(blocker / "cache"))   # cannot be created
    build = Builder({"a": 1})
    assert derived("words", [b"a"], build) == {"a": 1}
    assert derived("words", [b"a"], build) == {"a": 1}
    assert build.calls == 2


def test_the_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert derived_cache.cache_dir() == tmp_path / "work-report-tracker"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert derived_cache.cache_dir() == type(tmp_path).home() / ".cache" / "work-report-tracker"


def test_the_word_list_read_back_cuts_as_the_one_built(cache):
    from etl import naming

    built = naming._frequencies()
    naming.tokenizer.cache_clear()
    try:
        first = naming.tokenizer()          # builds and stores
        naming.tokenizer.cache_clear()
        second = naming.tokenizer()         # reads the stored entry
        assert len(list(cache.glob("words-*"))) == 1
        assert (second.FREQ, second.total) == built == (first.FREQ, first.total)
    finally:
        naming.tokenizer.cache_clear()
