"""The `tracker serve` command: the dashboard on the default (or a given) database."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer

APP = Path(__file__).resolve().parent / "app.py"
# Uploads larger than this are refused by the server before they reach the app.
MAX_UPLOAD_MB = 20


def streamlit_command(port: int, address: str) -> list[str]:
    """`streamlit run dashboard/app.py` with the settings the app relies on."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--server.maxUploadSize", str(MAX_UPLOAD_MB),
        "--browser.gatherUsageStats", "false",
        # The views catch their own errors; this is the last line against a traceback.
        "--client.showErrorDetails", "none",
        "--client.toolbarMode", "minimal",
    ]


def serve(
    db: Optional[str] = typer.Option(None, "--db", help="Database URL (default: TRACKER_DB_URL, else the SQLite file in the data folder)."),
    port: int = typer.Option(8501, "--port", help="Port to listen on."),
    address: str = typer.Option("localhost", "--address", help="Address to listen on; 0.0.0.0 to serve a network."),
    seed: bool = typer.Option(True, "--seed/--no-seed", help="On an empty database, first ingest seeds/ and the published figures."),
) -> None:
    """Open the dashboard: promises against outcomes, by region and year.

    Example: tracker serve --port 8501

    On an empty database the seed reports and the published figures are ingested first, so
    the dashboard is never empty on first start.
    """
    from db.config import database_url
    from dashboard.first_start import seed_if_empty

    url = database_url(db)
    if seed:
        for line in seed_if_empty(url):
            typer.echo(line, err=True)
    env = {**os.environ, "TRACKER_DB_URL": url}
    typer.echo(f"tracker: dashboard at http://{address}:{port} (database {url})", err=True)
    try:
        code = subprocess.call(streamlit_command(port, address), env=env)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


def register(app) -> None:
    """Add the dashboard commands to the `tracker` app."""
    app.command()(serve)
