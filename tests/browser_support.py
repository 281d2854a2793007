"""What the browser tests share: Chromium's whereabouts and a `tracker serve` to drive."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.ci_support import missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_SECONDS = 90


def require_chromium() -> None:
    """Skip where Chromium is missing, except under CI (see tests/ci_support.py), where that is a failure."""
    if CHROMIUM.exists():
        return
    missing(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)",
            f"{CHROMIUM} is missing: CI must run the browser test (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"tracker serve exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"tracker serve did not answer within {START_SECONDS} s:\n{log.read_text()}")


@contextmanager
def tracker_serving(url: str, folder: Path, address: str | None = None) -> Iterator[tuple[subprocess.Popen, int, Path]]:
    """`tracker serve --no-seed` on database `url` (on `address` if given), data folder under
    `folder`; yields the process, its port and its log, and stops it at the end."""
    port = free_port()
    log = folder / "serve.log"
    tracker = Path(sys.executable).with_name("tracker")
    listen = ["--address", address] if address else []
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [str(tracker), "serve", "--db", url, "--port", str(port), "--no-seed", *listen],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "TRACKER_DATA_DIR": str(folder / "data")})
    try:
        wait_until_up(f"http://{address or 'localhost'}:{port}/", server, log)
        yield server, port, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def serving(url: str, folder: Path) -> Iterator[str]:
    """`tracker serve` on database `url`, data folder under `folder`; yields its base URL."""
    with tracker_serving(url, folder) as (_, port, _):
        yield f"http://localhost:{port}/"
