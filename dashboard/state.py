"""The selection as URL query parameters, so that a link reproduces the view.

Widgets keep their value in session state under a key equal to the parameter's name. Before a
widget is drawn its key is seeded from the URL (or a default) when the session does not hold
it yet; after the widgets are drawn the URL is rewritten from the session. Values are codes
(region names, indicator codes, years), never translated labels, so a link works in either
language. Everything here works on plain mappings and is tested without Streamlit.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping, Sequence

Query = Mapping[str, Sequence[str]]


def read_query(params) -> dict[str, list[str]]:
    """Every value of every parameter: st.query_params.get only returns the last one."""
    return {key: list(params.get_all(key)) for key in params.keys()}


def _values(query: Query, key: str) -> list[str] | None:
    """The values given for key; [] for an explicitly empty parameter; None when absent."""
    if key not in query:
        return None
    return [v for v in query[key] if v != ""]


def seed_list(state: MutableMapping, query: Query, key: str, allowed: Iterable[str],
              default: Sequence[str]) -> None:
    """A multi-select's value: the URL's values that are still allowed, else the default."""
    allowed = list(allowed)
    if key in state:
        state[key] = [v for v in state[key] if v in allowed]
        return
    values = _values(query, key)
    kept = [v for v in dict.fromkeys(values or []) if v in allowed]
    # A link naming only things this database lacks falls back to the default view; a link
    # that asks for nothing ("regions=") gets nothing.
    state[key] = kept if kept or values == [] else list(default)


def seed_choice(state: MutableMapping, query: Query, key: str, allowed: Sequence,
                default) -> None:
    """A single choice (select box, radio, tabs): the URL's value if allowed, else the default."""
    by_text = {str(a): a for a in allowed}
    if key in state and state[key] in allowed:
        return
    values = _values(query, key) or []
    state[key] = by_text.get(values[-1], default) if values else default


def seed_text(state: MutableMapping, query: Query, key: str, default: str = "") -> None:
    """Free text (a search): the URL's value as it is."""
    if key not in state:
        values = _values(query, key)
        state[key] = values[-1] if values else default


def parse_years(text: str) -> tuple[int, int] | None:
    """"2023" → (2023, 2023); "2019-2023" → (2019, 2023); anything else → None."""
    first, _, last = text.partition("-")
    try:
        low, high = int(first), int(last or first)
    except ValueError:
        return None
    return (min(low, high), max(low, high))


def seed_range(state: MutableMapping, query: Query, key: str, bounds: tuple[int, int],
               default: tuple[int, int]) -> None:
    """A (from, to) year range, clamped into the years the database holds."""
    lo, hi = bounds
    if key in state:
        years = tuple(state[key])
    else:
        values = _values(query, key)
        years = (parse_years(values[-1]) if values else None) or default
    low, high = (min(max(y, lo), hi) for y in years)
    state[key] = (low, high)


def encode(value) -> list[str]:
    """A widget value as query-parameter values."""
    if value is None:
        return []
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [str(value[0]) if value[0] == value[1] else f"{value[0]}-{value[1]}"]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value] or [""]
    return [str(value)]


def query_from_state(state: Mapping, previous: Query, keys: Iterable[str]) -> dict[str, list[str]]:
    """The URL for the current session: the keys the session holds; the others as they were.

    Keeping the others matters: a view's own widgets are not drawn (and leave the session)
    while another view is open, and the link must still remember them.
    """
    query = {k: list(v) for k, v in previous.items()}
    for key in keys:
        if key in state:
            values = encode(state[key])
            if values:
                query[key] = values
            else:
                query.pop(key, None)
    return query
