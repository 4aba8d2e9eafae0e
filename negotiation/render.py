"""Tables in many formats, with every cell escaped for the format it is written into.

A small registry over tabulate's *escaping* formats, plus CSV and JSON. Formats that would pass
data text through unescaped (``latex_raw``, ``unsafehtml``) or whose markup this module does not
escape (``jira``, ``mediawiki``...) are refused with a message naming a safe one.

>>> print(table(["demand", "us"], [["a|b", "rejected"]], "github"))
| demand   | us       |
|----------|----------|
| a\\|b     | rejected |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import tabulate as _tabulate

from .errors import UsageError

__all__ = ["FORMATS", "formats", "table"]

# Control characters (other than tab and newline) would let data text drive a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spreadsheets run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_REFUSED = {
    "latex_raw": "it does not escape LaTeX; use latex or latex_booktabs",
    "unsafehtml": "it does not escape HTML; use html",
}
_UNESCAPED_MARKUP = {"jira", "mediawiki", "moinmoin", "textile", "youtrack", "asciidoc", "orgtbl"}
_PIPE_MARKDOWN = {"github", "pipe"}
_ALIASES = {"markdown": "github", "md": "github", "tex": "latex_booktabs"}


def _clean(value: Any) -> str:
    text = "" if value is None else str(value)
    return _CONTROL.sub("\ufffd", text)


def _markdown_cell(value: Any) -> str:
    text = _clean(value).replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")  # no raw HTML through Markdown
    return " ".join(text.split())  # a newline would end the table row


def markdown_text(value: Any) -> str:
    """Text for a Markdown paragraph: markup characters escaped, on one line."""
    text = re.sub(r"([\\`*_{}\[\]<>#|!])", r"\\\1", _clean(value))
    return " ".join(text.split())


def _one_line(value: Any) -> str:
    return " ".join(_clean(value).split())


def _csv_cell(value: Any) -> str:
    text = _clean(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _render_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    import csv  # here, not at the top: the command line starts faster without it
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([_csv_cell(h) for h in headers])
    writer.writerows([_csv_cell(c) for c in row] for row in rows)
    return out.getvalue()


def _render_json(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    import json

    records = [dict(zip(headers, (_clean(c) for c in row))) for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _render_tabulate(fmt: str) -> Callable[[Sequence[str], Sequence[Sequence[Any]]], str]:
    def render(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
        cell: Callable[[Any], str] = _clean
        if fmt in _PIPE_MARKDOWN:
            cell = _markdown_cell
        elif fmt == "tsv":
            cell = _one_line
        return str(
            _tabulate.tabulate(
                [[cell(c) for c in row] for row in rows],
                headers=[cell(h) for h in headers],
                tablefmt=fmt,
                disable_numparse=True,
            )
        )

    return render


#: Format name -> renderer(headers, rows) -> str.
FORMATS: dict[str, Callable[[Sequence[str], Sequence[Sequence[Any]]], str]] = {
    **{
        name: _render_tabulate(name)
        for name in _tabulate.tabulate_formats
        if name not in _REFUSED and name not in _UNESCAPED_MARKUP
    },
    "csv": _render_csv,
    "json": _render_json,
}


def formats() -> list[str]:
    """The names :func:`table` accepts (aliases ``markdown``, ``md``, ``tex`` too)."""
    return sorted(FORMATS)


def resolve(fmt: str) -> str:
    """The registered name for ``fmt`` (an alias resolved), or :class:`UsageError`."""
    name = _ALIASES.get(fmt, fmt)
    if name in FORMATS:
        return name
    if name in _REFUSED:
        raise UsageError(f"format {fmt!r} is refused: {_REFUSED[name]}")
    if name in _UNESCAPED_MARKUP:
        raise UsageError(
            f"format {fmt!r} is not supported: its markup is not escaped here; "
            "use github, html, latex_booktabs or csv"
        )
    raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(formats())}")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "github") -> str:
    """Render rows as a table in ``fmt``, every cell escaped for it.

    Raises:
        UsageError: the format is unknown or refused.
    """
    return FORMATS[resolve(fmt)](headers, rows)
