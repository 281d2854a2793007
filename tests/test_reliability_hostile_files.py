"""Hostile and unlucky files around a folder run (issue 18, items 9, 10, 11 and 16): a file name
that is not UTF-8, a folder that cannot be listed, a named pipe among the reports, an output file
that must not be lost or left half-written, and HTML that begins with an XML declaration.

Each case fails its file (or the command) in one line that names it, and the rest of the run
goes on. The cases a root user cannot see (an unreadable folder) are simulated in process, since
the tests run as root here; the folder is made unreadable as well, for runs by other users.
"""
from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from dashboard.command import app

REPORT = ("青山县2024年政府工作报告\n各位代表:\n一、2023年工作回顾\n全年完成地区生产总值120.5亿元,同比增长6.2%。\n"
          "二、2024年工作安排\n地区生产总值增长6%左右,新增城镇就业5000人。\n")
OTHER = REPORT.replace("青山县", "白水县")
THIRD = REPORT.replace("青山县", "红石县")


def tracker(*args, umask: int | None = None) -> subprocess.CompletedProcess:
    def before():
        if umask is not None:
            os.umask(umask)
    return subprocess.run([sys.executable, "-m", "dashboard.command", *map(str, args)],
                          capture_output=True, text=True, timeout=120, preexec_fn=before,
                          errors="surrogateescape")


def invoke(*args):
    """The command run in this process (so that monkeypatches hold), stderr apart from stdout."""
    return CliRunner().invoke(app, [str(a) for a in args])


def regions_of(jsonl: str) -> set[str]:
    return {json.loads(line)["region"] for line in jsonl.splitlines()}


def stored_sources(db: Path) -> list[str]:
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return sorted(conn.execute(text("SELECT source FROM documents")).scalars())
    finally:
        engine.dispose()


def error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("tracker: error:")]


# --- 9: a file name that is not UTF-8 -------------------------------------------------------

def folder_with_a_bad_name(tmp_path: Path) -> tuple[Path, str]:
    """a.txt, b\\xff\\xfe.txt (same report bytes as a third region) and c.txt: the bad one in the middle."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, "utf-8")
    with open(os.fsencode(folder) + b"/b\xff\xfe.txt", "wb") as f:
        f.write(THIRD.encode("utf-8"))
    (folder / "c.txt").write_text(OTHER, "utf-8")
    return folder, "b\\xff\\xfe.txt"


def test_extract_names_a_file_whose_name_is_not_utf8_and_extracts_the_others(tmp_path):
    folder, shown = folder_with_a_bad_name(tmp_path)
    done = tracker("extract", folder)
    assert done.returncode == 1, done.stderr
    assert regions_of(done.stdout) == {"青山县", "白水县"}
    errors = error_lines(done.stderr)
    assert len(errors) == 1 and shown in errors[0] and "UTF-8" in errors[0], done.stderr


def test_ingest_stores_every_other_file_and_names_the_one_whose_name_is_not_utf8(tmp_path):
    folder, shown = folder_with_a_bad_name(tmp_path)
    db = tmp_path / "t.sqlite"
    done = tracker("ingest", folder, "--db", f"sqlite:///{db}")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("documents: 2 new, 0 replaced, 0 unchanged, 1 failed"), done.stdout
    errors = error_lines(done.stderr)
    assert len(errors) == 1 and shown in errors[0], done.stderr
    assert stored_sources(db) == [(folder / "a.txt").resolve().as_posix(), (folder / "c.txt").resolve().as_posix()]


# --- 10: a folder that cannot be listed, a named pipe ---------------------------------------

def folder_with_an_unreadable_subfolder(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(REPORT, "utf-8")
    (folder / "locked" / "b.txt").write_text(THIRD, "utf-8")
    (folder / "z.txt").write_text(OTHER, "utf-8")
    locked = folder / "locked"
    locked.chmod(0)   # enough for anyone but root, whom the simulation below stops too
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.abspath(os.fspath(path)) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    return folder, locked


@pytest.fixture
def restore_modes(tmp_path):
    yield
    for folder, _, _ in os.walk(tmp_path):
        os.chmod(folder, 0o755)


def test_extract_names_a_subfolder_it_cannot_list(tmp_path, monkeypatch, restore_modes):
    folder, locked = folder_with_an_unreadable_subfolder(tmp_path, monkeypatch)
    done = invoke("extract", folder)
    assert done.exit_code == 1, done.stderr
    assert regions_of(done.stdout) == {"青山县", "白水县"}
    errors = error_lines(done.stderr)
    assert errors == [f"tracker: error: {locked}: cannot list the folder: permission denied"], done.stderr


def test_ingest_counts_a_subfolder_it_cannot_list_as_failed(tmp_path, monkeypatch, restore_modes):
    folder, locked = folder_with_an_unreadable_subfolder(tmp_path, monkeypatch)
    db = tmp_path / "t.sqlite"
    done = invoke("ingest", folder, "--db", f"sqlite:///{db}")
    assert done.exit_code == 1, done.stderr
    assert done.stdout.startswith("documents: 2 new, 0 replaced, 0 unchanged, 1 failed"), done.stdout
    assert error_lines(done.stderr) == [f"tracker: error: {locked}: cannot list the folder: permission denied"]


def test_a_folder_given_that_cannot_be_listed_is_named(tmp_path, monkeypatch, restore_modes):
    folder, locked = folder_with_an_unreadable_subfolder(tmp_path, monkeypatch)
    done = invoke("extract", locked)
    assert done.exit_code == 1 and done.stdout == ""
    assert error_lines(done.stderr) == [f"tracker: error: {locked}: cannot list the folder: permission denied"]


def folder_with_pipes(tmp_path: Path) -> tuple[Path, list[Path]]:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, "utf-8")
    pipes = [folder / "b.txt", folder / "feed"]
    for pipe in pipes:
        os.mkfifo(pipe)
    (folder / "c.txt").write_text(OTHER, "utf-8")
    return folder, pipes


def test_extract_names_a_named_pipe_in_a_folder(tmp_path):
    folder, pipes = folder_with_pipes(tmp_path)
    done = tracker("extract", folder)
    assert done.returncode == 1, done.stderr
    assert regions_of(done.stdout) == {"青山县", "白水县"}
    assert error_lines(done.stderr) == [f"tracker: error: {pipe}: not a regular file" for pipe in pipes]


def test_ingest_counts_a_named_pipe_in_a_folder_as_failed(tmp_path):
    folder, pipes = folder_with_pipes(tmp_path)
    done = tracker("ingest", folder, "--db", f"sqlite:///{tmp_path / 't.sqlite'}")
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("documents: 2 new, 0 replaced, 0 unchanged, 2 failed"), done.stdout
    assert error_lines(done.stderr) == [f"tracker: error: {pipe}: not a regular file" for pipe in pipes]


# --- 11: the output file ----------------------------------------------------------------------

def test_an_existing_output_is_left_alone_when_nothing_was_extracted(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    target = tmp_path / "facts.jsonl"
    target.write_text("what an earlier run found\n", "utf-8")
    done = tracker("extract", empty, "-o", target)
    assert done.returncode == 1
    assert target.read_text("utf-8") == "what an earlier run found\n"
    assert error_lines(done.stderr) == [f"tracker: error: {empty}: empty file"]
    assert f"nothing extracted; {target} left as it was" in done.stderr


def test_no_output_is_created_when_nothing_was_extracted(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    target = tmp_path / "facts.csv"
    done = tracker("extract", empty, "-f", "csv", "-o", target)
    assert done.returncode == 1 and not target.exists()
    assert f"nothing extracted; {target} not written" in done.stderr


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_an_output_file_gets_the_usual_permissions(tmp_path, umask):
    (tmp_path / "r.txt").write_text(REPORT, "utf-8")
    target = tmp_path / "facts.jsonl"
    done = tracker("extract", tmp_path / "r.txt", "-o", target, umask=umask)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert regions_of(target.read_text("utf-8")) == {"青山县"}


def test_a_replaced_output_keeps_its_permissions(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, "utf-8")
    target = tmp_path / "facts.jsonl"
    target.write_text("old\n")
    target.chmod(0o640)
    done = tracker("extract", tmp_path / "r.txt", "-o", target, umask=0o022)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and "old" not in target.read_text("utf-8")


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_is_one_line_and_leaves_no_half_written_file(tmp_path, monkeypatch, existing):
    (tmp_path / "r.txt").write_text(REPORT * 50, "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "facts.jsonl"
    if existing:
        target.write_text("what an earlier run found\n", "utf-8")
    real_write = os.write
    writes = []

    def write(fd, data):
        if fd <= 2:
            return real_write(fd, data)
        writes.append(fd)
        if len(writes) > 1:   # the first write goes through, in part: the disk fills after it
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data[:100]))
    monkeypatch.setattr(os, "write", write)
    done = invoke("extract", tmp_path / "r.txt", "-o", target)
    assert writes, "the output was not written with os.write"
    assert done.exit_code == 1, (done.exit_code, done.stderr, done.exception)
    assert done.stderr.strip().splitlines() == [f"tracker: error: cannot write {target}: No space left on device"]
    assert done.stdout == ""
    if existing:
        assert [p.name for p in out.iterdir()] == ["facts.jsonl"]
        assert target.read_text("utf-8") == "what an earlier run found\n"
    else:
        assert list(out.iterdir()) == []


def test_an_output_in_a_missing_folder_is_one_line(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, "utf-8")
    target = tmp_path / "missing" / "facts.jsonl"
    done = tracker("extract", tmp_path / "r.txt", "-o", target)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"tracker: error: cannot write {target}: No such file or directory"]


# --- 16: HTML that begins with an XML declaration ----------------------------------------------

XHTML = ('<?xml version="1.0" encoding="utf-8"?>\n<html><head><title>青山县2024年政府工作报告</title></head><body>'
         '<p>青山县2024年政府工作报告</p>'
         + "<p>各位代表：现在，我代表县人民政府，向大会报告工作，请予审议。</p>" * 20
         + "<p>二、2024年工作安排</p><p>地区生产总值增长6%左右。</p></body></html>")


def test_html_with_an_xml_declaration_is_read_without_a_warning():
    from etl.read import to_document

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        document = to_document(XHTML.encode("utf-8"), "r.html")
    assert [str(w.message)[:60] for w in caught] == []
    assert "地区生产总值增长6%左右。" in document.text.splitlines()
    assert not document.text.startswith("<?xml")


def test_extract_of_html_with_an_xml_declaration_prints_nothing_on_stderr(tmp_path):
    page = tmp_path / "r.html"
    page.write_text(XHTML, "utf-8")
    done = tracker("extract", page)
    assert done.returncode == 0 and done.stderr == ""
    assert [json.loads(line)["sentence"] for line in done.stdout.splitlines()] == ["地区生产总值增长6%左右"]
