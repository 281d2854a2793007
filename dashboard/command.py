"""The `tracker` command: where the commands of the three layers are put together.

Each layer registers its own commands (etl/cli.py, db/cli.py, dashboard/cli.py); this module
imports all three, so it lives in the top package, and nothing imports it back. The app is
whole as soon as this module is imported.
"""
from __future__ import annotations

import sys

import typer

from dashboard.cli import register as register_dashboard
from db.cli import register as register_db
from etl.cli import register as register_etl

app = typer.Typer(
    help="Track the quantified promises of Chinese government work reports (政府工作报告).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    epilog=("Examples:\n\n"
            "tracker extract seeds/ -f csv -o facts.csv   (the facts, no database)\n\n"
            "tracker ingest seeds/   (store reports and their facts)\n\n"
            "tracker scorecard --region 兰陵县 --year 2023   (which promises were kept)\n\n"
            "tracker serve   (the dashboard)\n\n"
            "Each command's --help shows its own options and an example."),
)
for register in (register_etl, register_db, register_dashboard):
    register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("tracker: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
