"""`tracker serve`: the command line around the Streamlit server."""
import subprocess
import sys
from pathlib import Path

from dashboard.cli import APP, streamlit_command

TRACKER = Path(sys.executable).with_name("tracker")


def test_the_server_runs_the_app_with_the_upload_limit_and_without_tracebacks():
    command = streamlit_command(8600, "localhost")
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(APP)]
    options = dict(zip(command[5::2], command[6::2]))
    assert options["--server.port"] == "8600"
    assert options["--server.maxUploadSize"] == "20"
    assert options["--client.showErrorDetails"] == "none"
    # Work the server would otherwise do after every run of every reader (tests/test_dashboard_sessions.py).
    assert options["--server.fileWatcherType"] == "none"
    assert options["--runner.postScriptGC"] == "false"


def test_a_database_that_cannot_be_opened_is_one_line_on_stderr(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = subprocess.run([str(TRACKER), "serve", "--db", f"sqlite:///{blocked}/x.sqlite", "--port", "8601"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("tracker: error: cannot open the database sqlite:///")
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_documents_itself_with_an_example():
    result = subprocess.run([str(TRACKER), "serve", "--help"], capture_output=True, text=True, timeout=60)
    assert "Example: tracker serve" in result.stdout
