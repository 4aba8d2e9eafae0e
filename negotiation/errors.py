"""The exceptions of ``negotiation``: one base class, a few leaves.

Every leaf also inherits the builtin it resembles, so ``except ValueError`` keeps working for
callers who do not know this library. Messages say what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "DataError",
    "MissingExtraError",
    "NegotiationError",
    "Problem",
    "UnknownIdError",
    "UsageError",
]


class NegotiationError(Exception):
    """Base class of every error this library raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong with a data file, with where it is.

    >>> str(Problem("x.yaml", "responses[0].status: 'maybe' is not a status", line=7, column=13))
    "x.yaml:7:13: responses[0].status: 'maybe' is not a status"
    """

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class DataError(NegotiationError, ValueError):
    """Raised when a data file cannot be read or breaks the schema.

    Carries every problem found (``.problems``), not only the first; ``str()`` gives one line
    per problem, each ``FILE:LINE:COL: message``.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str | None:
        """The file of the first problem."""
        return self.problems[0].file if self.problems else None

    @property
    def line(self) -> int | None:
        """The line of the first problem, if it has one."""
        return self.problems[0].line if self.problems else None


class UnknownIdError(NegotiationError, LookupError):
    """Raised when an id (demand, actor, document) is not in the dataset."""

    def __init__(self, kind: str, id: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.id = id
        self.known = tuple(known)
        hint = _closest(id, self.known)
        message = f"unknown {kind} id {id!r}"
        message += f"; did you mean {hint!r}?" if hint else f"; known: {', '.join(self.known)}"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would repr() the message
        return str(self.args[0])


class UsageError(NegotiationError, ValueError):
    """Raised for a bad argument: an unknown table format, a malformed date, an empty selection."""


class MissingExtraError(NegotiationError, ImportError):
    """Raised when an optional feature needs a package that is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"this needs {package}, which is not installed; "
            f"install it with: pip install 'negotiation[{extra}]'"
        )


def _closest(word: str, candidates: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
