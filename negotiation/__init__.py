"""``negotiation``: the 2021-22 Russia / US / NATO "security guarantees" exchange as data.

Each Russian demand, the recorded US and NATO responses with dated, quoted, sourced evidence,
and the demand-by-actor status matrix, as tables for notebooks and reports.

>>> import negotiation as ng
>>> m = ng.load().matrix()
>>> m.status("missile-moratorium", "nato") in ng.Status
True
"""

from typing import Any

from .citation import cite
from .errors import (
    DataError,
    MissingExtraError,
    NegotiationError,
    Problem,
    UnknownIdError,
    UsageError,
)
from .load import dump, load, loads
from .matrix import Cell, StatusMatrix
from .model import (
    Actor,
    Assessment,
    Dataset,
    Demand,
    Document,
    Quote,
    Ref,
    Response,
    Status,
    Verdict,
)
from .validate import validate


def __getattr__(name: str) -> Any:
    # importlib.metadata costs ~25 ms at start-up; only --version and cite() need it.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("negotiation")
        except PackageNotFoundError:  # a checkout that was never installed
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'negotiation' has no attribute {name!r}")


__all__ = [
    "Actor",
    "Assessment",
    "Cell",
    "DataError",
    "Dataset",
    "Demand",
    "Document",
    "MissingExtraError",
    "NegotiationError",
    "Problem",
    "Quote",
    "Ref",
    "Response",
    "Status",
    "StatusMatrix",
    "UnknownIdError",
    "UsageError",
    "Verdict",
    "__version__",
    "cite",
    "dump",
    "load",
    "loads",
    "validate",
]
