"""Dataset-wide rules: unique ids, references that resolve, dates that make sense.

Field-level problems (types, unknown keys) are found while reading (:mod:`negotiation.load`);
the rules here need the whole file. Every problem is returned, none raised, so that a file is
reported in one run, like a linter.

>>> from negotiation import validate
>>> validate()          # the bundled dataset has no problems
()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import DataError, Problem
from .load import INVALID, PathLike, Record, Records, _close_matches, parse, read_text
from .model import Dataset, Status

__all__ = ["check", "check_records", "validate"]


def validate(path: PathLike | None = None) -> tuple[Problem, ...]:
    """Every problem of a data file (empty if it is valid), without raising for them.

    Args:
        path: a data file; None for the bundled dataset.

    Returns:
        The problems, in file order, each with file, line and column.
    """
    return check(path)[1]


def check(path: PathLike | None = None) -> tuple[Dataset | None, tuple[Problem, ...]]:
    """Read a data file once: its dataset if valid, and every problem."""
    try:
        dataset, problems = parse(*read_text(path))
    except DataError as e:
        return None, e.problems
    return dataset, tuple(problems)


#: The fields of a response and an assessment that name another record, and its section.
_REFERENCES = {
    "responses": (
        ("demand", "demands"),
        ("actor", "actors"),
        ("source", "documents"),
        ("via", "documents"),
    ),
    "assessments": (
        ("demand", "demands"),
        ("actor", "actors"),
        ("of", "actors"),
        ("source", "documents"),
        ("via", "documents"),
    ),
}


def _check_response_quote(
    record: Record,
    path: str,
    value: Callable[[Record, str], Any],
    problem: Callable[[Record, str, str], None],
) -> None:
    """A response quotes its source unless it is silent, and quote details need a quote."""
    status = value(record, "status")
    if status is not None and status != Status.NOT_ADDRESSED.value and "quote" not in record:
        problem(
            record,
            "status",
            f"{path}: a {status!r} response needs a quote (verbatim, or marked paraphrase: true)",
        )
    if "quote" not in record:
        for key in ("via", "locator", "translation", "paraphrase"):
            if key in record:
                problem(
                    record,
                    key,
                    f"{path}.{key}: describes a quote, but the response has "
                    "none; add the quote or drop the key",
                )


def check_records(records: Records) -> list[Problem]:
    """Cross-record rules over what :func:`~negotiation.load.read_records` read."""
    problems: list[Problem] = []

    def value(record: Record, key: str) -> Any:
        """The field's value; None when it is absent or invalid (already reported)."""
        field = record.get(key)
        return None if field is None or field.value is INVALID else field.value

    def problem(record: Record, key: str, message: str) -> None:
        where = record.get(key) or record[""]
        problems.append(Problem(records.file, message, where.line, where.column))

    ids: dict[str, dict[str, Record]] = {}
    for section in ("actors", "documents", "demands"):
        seen: dict[str, Record] = {}
        for i, record in enumerate(records.sections[section]):
            id_ = value(record, "id")
            if id_ is None:
                continue
            if id_ in seen:
                problem(
                    record,
                    "id",
                    f"{section}[{i}].id: duplicate id {id_!r} (first on "
                    f"line {seen[id_]['id'].line}); ids must be unique",
                )
            else:
                seen[id_] = record
        ids[section] = seen

    def refer(record: Record, key: str, section: str, path: str) -> None:
        wanted = value(record, key)
        if wanted is not None and wanted not in ids[section]:
            close = _close_matches(str(wanted), ids[section])
            if close:
                hint = f"did you mean {close[0]!r}?"
            else:
                known = sorted(ids[section])
                hint = (
                    "use one of: "
                    + (", ".join(known[:8]) or "none")
                    + (f" (and {len(known) - 8} more)" if len(known) > 8 else "")
                )
            problem(
                record,
                key,
                f"{path}.{key}: unknown {section[:-1]} {wanted!r}; add it to {section} or {hint}",
            )

    for i, record in enumerate(records.sections["documents"]):
        refer(record, "issuer", "actors", f"documents[{i}]")
        kind = value(record, "kind")
        if kind in ("primary", "statement") and "date" not in record:
            problem(
                record,
                "kind",
                f"documents[{i}]: a {kind} document needs a date "
                "(YYYY-MM-DD); only a report may have none",
            )

    for i, record in enumerate(records.sections["demands"]):
        path = f"demands[{i}]"
        refer(record, "by", "actors", path)
        refer(record, "source", "documents", path)
        refer(record, "via", "documents", path)
        ref_documents = set()
        for j, ref in enumerate(records.refs.get(i, [])):
            refer(ref, "document", "documents", f"{path}.refs[{j}]")
            ref_documents.add(value(ref, "document"))
        source = value(record, "source")
        if source is not None and ref_documents and source not in ref_documents:
            problem(
                record,
                "source",
                f"{path}.source: {source!r} is not among the "
                "documents in refs; quote the demand from one of them",
            )

    demands = ids["demands"]
    for section, references in _REFERENCES.items():
        for i, record in enumerate(records.sections[section]):
            path = f"{section}[{i}]"
            for key, target in references:
                refer(record, key, target, path)
            demand = demands.get(value(record, "demand"))
            date, raised = value(record, "date"), demand and value(demand, "raised")
            if date is not None and raised is not None and date < raised:
                problem(
                    record,
                    "date",
                    f"{path}.date: {date} is before demand "
                    f"{value(record, 'demand')!r} was raised ({raised}); "
                    "check both dates",
                )
            if section == "responses":
                _check_response_quote(record, path, value, problem)
    return problems
