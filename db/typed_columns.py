"""Frame columns typed as pandas types them from rows, built from whole columns of values
rather than by pandas checking each value."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

# What pandas makes of a column of strings: its arrow-backed str from pandas 3 on, objects before.
_INFERRED_TEXT = pd.Series(["text"]).dtype


def text_array(values: tuple):
    """The column of strings (and Nones) pandas would infer from these values: where that is
    its arrow-backed str, built by pyarrow in one call. What pandas would not make a str
    column of (a column of Nones only, a value that is no string) is left to it."""
    if getattr(_INFERRED_TEXT, "storage", None) != "pyarrow":
        return values
    import pyarrow as pa    # there whenever pandas infers arrow-backed strings

    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return values
    if array.null_count == len(array):
        return values       # pandas keeps Nones as objects
    return pd.arrays.ArrowStringArray(array, dtype=_INFERRED_TEXT)


def whole_number_array(values: tuple) -> pd.api.extensions.ExtensionArray:
    """pd.array(values, dtype="Int64"), for ints and Nones: built through numpy rather than
    by pandas checking each value."""
    try:    # the usual column, read once, in C
        return pd.arrays.IntegerArray(np.fromiter(values, dtype=np.int64, count=len(values)),
                                      np.zeros(len(values), dtype=bool))
    except TypeError:       # some Nones
        pass
    objects = np.array(values, dtype=object)
    missing = np.equal(objects, None)
    objects[missing] = 0
    return pd.arrays.IntegerArray(objects.astype(np.int64), missing)


def whole_numbers(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    # Ids and offsets stay integers when some rows have none (pandas would make them floats).
    return frame.astype({c: "Int64" for c in columns})
