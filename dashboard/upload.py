"""A file uploaded in the app: checked, kept under the data folder, ingested like any other.

Reports go through the same ingest as `tracker ingest`, tables through the same import as
`tracker import-facts`. Every outcome, good or bad, is an UploadResult carrying a label key
and the values for it; nothing here raises to the page.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
TABLE_SUFFIXES = (".csv",)
SUFFIXES = REPORT_SUFFIXES + TABLE_SUFFIXES
MAX_MB = 20
UPLOADS = "uploads"
# A name keeps letters (Chinese included), digits, dot, dash and underscore; the rest goes.
UNSAFE = re.compile(r"[^\w.\-]+")

log = logging.getLogger(__name__)


@dataclass
class UploadResult:
    ok: bool
    message: str                  # a key of [ui] in labels.toml
    values: dict = field(default_factory=dict)   # our own numbers and words for the message
    detail: str = ""              # the file's name and what went wrong: untrusted, shown as text
    regions: tuple[str, ...] = ()  # the region a stored report is about, for the reader's selection


def safe_name(name: str) -> str:
    """The file's own name without any folder part, with only harmless characters."""
    base = Path(name.replace("\\", "/")).name
    return UNSAFE.sub("_", base).strip("._") or "upload"


def check(name: str, size: int) -> UploadResult | None:
    """Why a file cannot be taken, before reading it; None when it can."""
    if Path(name).suffix.lower() not in SUFFIXES:
        return UploadResult(False, "upload_bad_type", {"types": " ".join(SUFFIXES)}, name)
    if size > MAX_MB * 1024 * 1024:
        return UploadResult(False, "upload_too_big", {"limit": MAX_MB}, name)
    return None


def stored_path(data: bytes, name: str, folder: Path) -> Path:
    """Where an upload is kept: folder/uploads/, named by content so a re-upload is the same file."""
    return folder / UPLOADS / f"{hashlib.sha256(data).hexdigest()[:16]}_{safe_name(name)}"


def keep(data: bytes, path: Path) -> None:
    from etl.files import atomic_write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        atomic_write_bytes(path, data)


def ingest_upload(engine: Engine, name: str, data: bytes, folder: Path,
                  region: str | None = None, year: int | None = None, new_region: bool = False) -> UploadResult:
    """Check, ingest and keep one uploaded file; a file that fails is not kept."""
    refused = check(name, len(data))
    if refused:
        return refused
    if region and path_suffix(name) not in TABLE_SUFFIXES:
        refused = _unknown_region(engine, region, name, new_region)
        if refused:
            return refused
    path = stored_path(data, name, folder)
    try:
        if path.suffix.lower() in TABLE_SUFFIXES:
            result = _import_table(engine, data, path, name)
        else:
            result = _ingest_report(engine, data, path, name, region, year)
    except Exception as exc:  # noqa: BLE001 - the page shows one line; the log keeps the rest
        log.exception("upload of %s failed", name)
        result = UploadResult(False, "upload_failed", detail=f"{name}: {_reason(exc)}")
    if not result.ok:
        path.unlink(missing_ok=True)
    return result


def path_suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _unknown_region(engine: Engine, region: str, name: str, new_region: bool) -> UploadResult | None:
    """A typed region that is neither a division nor stored, unless the reader says it is new:
    a typo ("兰陵线") would otherwise start a region of its own."""
    from db.import_facts import RegionNames
    from db.queries import regions
    from etl.divisions import divisions

    if new_region:
        return None
    names = RegionNames(divisions(), stored=lambda: regions(engine)["name"].tolist())
    _, problem = names.read(region)
    if problem is None:
        return None
    near = names.nearest(region)
    return UploadResult(False, "upload_unknown_region", {"region": region, "near": near or "—"}, name)


def _import_table(engine: Engine, data: bytes, path: Path, name: str) -> UploadResult:
    from db.errors import BadTable
    from db.import_facts import import_table

    # The import reads a file (it is stored as one document whose text is the table).
    keep(data, path)
    try:
        imported = import_table(engine, path)
    except BadTable as exc:
        # The stored copy's path means nothing to the user: name their file instead.
        return UploadResult(False, "upload_failed", detail=f"{name}: {'; '.join(exc.problems[:3])}")
    return _stored(name, imported.status, imported.facts)


def _ingest_report(engine: Engine, data: bytes, path: Path, name: str, region: str | None,
                   year: int | None) -> UploadResult:
    from db.ingest import default_extractor, ingest_bytes

    # Read from memory; the source is where the file will be kept, as `tracker ingest` of
    # that file would name it.
    extract, regions = default_extractor(region or None, year or None), []

    def extract_noting_region(data: bytes, name: str):
        report = extract(data, name)
        regions.append(report.meta.region)
        return report

    result = ingest_bytes(engine, data, path.name, source=path.resolve().as_posix(), extract=extract_noting_region)
    if result.status == "failed":
        return UploadResult(False, "upload_failed", detail=f"{name}: {_CLI_ADVICE.sub('', result.reason)}")
    keep(data, path)
    return _stored(name, result.status, result.facts, tuple(r for r in regions if r))


def _stored(name: str, status: str, facts: int, regions: tuple[str, ...] = ()) -> UploadResult:
    message = "upload_unchanged" if status == "unchanged" else "upload_done"
    return UploadResult(True, message, {"facts": facts}, name, regions=regions)


_CLI_ADVICE = re.compile(r";\s*pass --[a-z]+(?: and --[a-z]+)?[^;]*$")


def _reason(exc: Exception) -> str:
    from db.errors import DatabaseError, explain
    from etl.errors import InputError

    if isinstance(exc, InputError):
        # The command line's advice ("pass --region") means nothing in a browser: the form's
        # region and year fields say it there (see views.upload).
        return _CLI_ADVICE.sub("", exc.reason)
    if isinstance(exc, DatabaseError):
        return str(exc)
    return explain(exc) if type(exc).__module__.startswith("sqlalchemy") else type(exc).__name__
