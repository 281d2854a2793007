"""Every command documents itself: a help text with an example a user can copy."""
import pytest
import typer

from dashboard.command import app


def leaf_commands():
    root = typer.main.get_command(app)

    def walk(cmd, path):
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                yield from walk(sub, path + [name])
        else:
            yield " ".join(path), cmd

    return list(walk(root, []))


COMMANDS = leaf_commands()


def test_the_main_commands_are_all_there():
    names = {name for name, _ in COMMANDS}
    assert {"extract", "ingest", "import-facts", "scorecard", "serve", "db upgrade", "correct fix"} <= names


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name, command):
    assert command.help and "Example" in command.help, f"tracker {name} --help shows no example"


def test_the_top_level_help_shows_examples_of_the_main_commands():
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "dashboard.command", "--help"], capture_output=True, text=True,
                           timeout=60).stdout
    assert "Examples:" in shown
    assert all(f"tracker {name} " in shown for name in ("extract", "ingest", "scorecard", "serve"))
