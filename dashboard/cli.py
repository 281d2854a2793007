"""The `tracker serve` command: the dashboard on the default (or a given) database."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from etl.console import fail

APP = Path(__file__).resolve().parent / "app.py"


def streamlit_command(port: int, address: str, app: Path = APP) -> list[str]:
    """`streamlit run dashboard/app.py` (or another script, `app`) with the settings the app relies on."""
    from dashboard.upload import MAX_MB

    return [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        # Larger uploads are refused by the server before they reach the app.
        "--server.maxUploadSize", str(MAX_MB),
        "--browser.gatherUsageStats", "false",
        # A served dashboard does not change under its readers. Watching its sources would make
        # the server, after every script run of every reader, look up the file of every loaded
        # module on the thread that answers all requests, and watch them all for each session.
        "--server.fileWatcherType", "none",
        # Not a full garbage collection after every script run: it walks every object of the
        # process while holding the interpreter lock, which a hundred readers' runs then take
        # in turn from the server; Python's own collections still run as objects pile up.
        "--runner.postScriptGC", "false",
        # The views catch their own errors; this is the last line against a traceback.
        "--client.showErrorDetails", "none",
        "--client.toolbarMode", "minimal",
    ]


def shown(url: str) -> str:
    """The URL without its password, fit for a terminal."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def serve(
    db: Optional[str] = typer.Option(None, "--db", help="Database URL, or the path of a SQLite file (default: TRACKER_DB_URL, else the SQLite file in the data folder)."),
    port: int = typer.Option(8501, "--port", help="Port to listen on."),
    address: str = typer.Option("localhost", "--address", help="Address to listen on; 0.0.0.0 to serve a network."),
    seed: bool = typer.Option(True, "--seed/--no-seed", help="On an empty database, first load the seeds: real reports of 全国, 山东省, 临沂市 and two counties, with published figures."),
) -> None:
    """Open the dashboard: promises against outcomes, by region and year.

    Example: tracker serve --port 8501

    On an empty database the seed reports and the published figures are ingested first, so the dashboard is never empty on first start.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from dashboard.first_start import seed_if_empty
    from db.config import database_url
    from db.errors import DatabaseError, explain

    url = database_url(db)
    try:
        # Also creates the schema of a new database, so the app opens on tables that exist.
        for line in seed_if_empty(url, seed=seed):
            typer.echo(line, err=True)
    except DatabaseError as exc:
        fail(str(exc))
    except SQLAlchemyError as exc:
        fail(explain(exc, shown(url)))
    except OSError as exc:  # e.g. the folder of a SQLite file cannot be created
        fail(f"cannot open the database {shown(url)}: {exc.strerror or exc}")
    env = {**os.environ, "TRACKER_DB_URL": url}
    typer.echo(f"tracker: dashboard at http://{address}:{port} (database {shown(url)})", err=True)
    command = streamlit_command(port, address)
    # Become the server rather than wrap it: signals (Ctrl-C, a service manager's TERM) then
    # reach Streamlit itself and no orphan is left behind.
    os.execve(command[0], command, env)


def register(app) -> None:
    """Add the dashboard commands to the `tracker` app."""
    app.command()(serve)
