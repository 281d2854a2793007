"""The dashboard's views, one module each; `TABS` is their order on the page."""
from dashboard.views import (
    commitments, compare, escalation, keepers, promises, report, scorecard, upload,
)

# (code in the URL, module with draw(ctx)); the label is [ui] "tab_<code>" in labels.toml.
TABS = (
    ("promises", promises),
    ("keepers", keepers),
    ("scorecard", scorecard),
    ("compare", compare),
    ("escalation", escalation),
    ("report", report),
    ("commitments", commitments),
    ("upload", upload),
)
