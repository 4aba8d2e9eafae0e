"""The ``negotiation`` command (and ``python -m negotiation``).

A thin layer: parse arguments, call the library, render, write. Library errors become one line
each on stderr (``FILE:LINE:COL: message`` for data problems) and an exit code: 0 success,
1 invalid data, 2 bad usage. Output is rendered in full before anything is written, and files
are replaced atomically, so a failed run never damages an existing output file.

>>> main(["matrix", "--actors", "nato", "--as-of", "2021-12-01", "--format", "csv"])
Demand,Title,NATO
nato-non-enlargement,No further NATO enlargement,rejected
no-strike-weapons-adjacent-states,No strike weapons in states adjacent to Russia,pending
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Callable

from . import render
from .errors import DataError, NegotiationError, UnknownIdError, UsageError
from .load import load, write_atomic
from .model import Dataset
from .validate import check

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _Exit(EXIT_USAGE, f"{self.prog}: error: {message}")


class _Version(argparse.Action):
    """--version, with the version looked up only when asked for (it is slow to find)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from . import __version__

        print(f"{parser.prog} {__version__}")
        raise SystemExit(EXIT_OK)


class _Exit(Exception):
    def __init__(self, code: int, message: str = "") -> None:
        self.code = code
        self.message = message


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _dataset(args: argparse.Namespace) -> Dataset:
    return load(args.data)


def _cmd_matrix(args: argparse.Namespace) -> int:
    ds = _dataset(args)
    m = ds.matrix(as_of=args.as_of, actors=args.actors, assessments=not args.no_assessments)
    _emit(m.to_table(args.format) + _footer(m.caption, args.format), args.output)
    return EXIT_OK


def _footer(caption: str, fmt: str) -> str:
    """The caption under a table, in the table's own syntax (none for data formats)."""
    name = render.resolve(fmt)
    if name in ("csv", "json", "tsv"):
        return ""
    if name.startswith("latex"):
        return "\n% " + caption.replace("\n", " ")
    if name == "html":
        import html

        return f"\n<p>{html.escape(caption)}</p>"
    return (
        "\n\n" + render.markdown_text(caption) if name in ("github", "pipe") else "\n\n" + caption
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    ds, problems = check(args.file)
    if ds is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        s = "" if len(problems) == 1 else "s"
        print(f"{args.file}: {len(problems)} problem{s}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"{args.file}: valid ({len(ds.demands)} demands, {len(ds.responses)} responses, "
        f"{len(ds.documents)} documents)"
    )
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    ds = _dataset(args)
    d = ds.diff(args.earlier, args.later, actors=args.actors)
    lines = [
        f"{d.earlier} -> {d.later}: {len(d.changes)} changed cells, {len(d.added)} demands raised"
    ]
    for demand in d.added:
        lines.append(f"+ {demand.id}: raised {demand.raised} ({demand.title})")
    for change in d.changes:
        r = change.deciding
        where = f"{r.date} {r.source.id} <{r.source.url}>" if r else "no response"
        lines.append(
            f"{change.demand.id}  {change.actor.id}  {change.before.value} -> "
            f"{change.after.value}  ({where})"
        )
    _emit("\n".join(lines), args.output)
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from .explain import explain

    ds = _dataset(args)
    _emit(explain(ds, args.demand, args.actor, as_of=args.as_of), args.output)
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from .sources import quotes, verify

    ds = _dataset(args)
    problems = verify(ds)
    for problem in problems:
        print(problem, file=sys.stderr)
    paraphrases = sum(1 for *_, quote in quotes(ds) if quote.paraphrase)
    checked = sum(1 for _ in quotes(ds)) - paraphrases
    if problems:
        print(
            f"{ds.path}: {len(problems)} of {checked} quotes failed verification", file=sys.stderr
        )
        return EXIT_INVALID
    print(
        f"{ds.path}: all {checked} quotes found verbatim in their archives "
        f"({paraphrases} paraphrases, marked as such, not checked)"
    )
    return EXIT_OK


def _cmd_sources(args: argparse.Namespace) -> int:
    from .sources import describe, source_rows

    ds = _dataset(args)
    if args.document:
        _emit(describe(ds, args.document), args.output)
        return EXIT_OK
    headers, rows = source_rows(ds)
    _emit(render.table(headers, rows, args.format), args.output)
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import report

    ds = _dataset(args)
    _emit(report(ds, args.format, as_of=args.as_of, actors=args.actors), args.output)
    return EXIT_OK


def _add_data(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        metavar="FILE",
        help="a data file in the negotiation schema (default: the bundled dataset)",
    )


def _add_output(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (replaced only once the output is complete)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="negotiation",
        description="The 2021-22 security-guarantees exchange as data: demands, responses, "
        "evidence and the demand-by-actor status matrix.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("matrix", help="print the status matrix as a table")
    p.add_argument(
        "-f",
        "--format",
        default="github",
        help=f"table format (default github): {', '.join(render.formats())}",
    )
    p.add_argument(
        "--actors",
        metavar="IDS",
        help="comma-separated actor ids for the columns (default: all responding)",
    )
    p.add_argument("--as-of", metavar="DATE", help="the state of play on DATE (YYYY-MM-DD)")
    p.add_argument(
        "--no-assessments",
        action="store_true",
        help="leave out the columns of the demanding side's assessments",
    )
    _add_data(p)
    _add_output(p)
    p.set_defaults(run=_cmd_matrix)

    p = sub.add_parser("validate", help="check a data file and list every problem")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("diff", help="the cells whose status changed between two dates")
    p.add_argument("earlier", metavar="DATE1")
    p.add_argument("later", metavar="DATE2")
    p.add_argument("--actors", metavar="IDS", help="comma-separated actor ids")
    _add_data(p)
    _add_output(p)
    p.set_defaults(run=_cmd_diff)

    p = sub.add_parser("explain", help="a demand's text and refs, and the evidence per actor")
    p.add_argument("demand", metavar="DEMAND")
    p.add_argument("actor", metavar="ACTOR", nargs="?")
    p.add_argument("--as-of", metavar="DATE", help="only evidence dated on or before DATE")
    _add_data(p)
    _add_output(p)
    p.set_defaults(run=_cmd_explain)

    p = sub.add_parser("report", help="a full report: matrix, legend and evidence per demand")
    p.add_argument(
        "-f",
        "--format",
        default="html",
        choices=["html", "markdown", "latex", "csv", "json"],
        help="report format (default html)",
    )
    p.add_argument("--actors", metavar="IDS", help="comma-separated actor ids")
    p.add_argument("--as-of", metavar="DATE", help="the state of play on DATE (YYYY-MM-DD)")
    _add_data(p)
    _add_output(p)
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser("verify", help="check every quote against the archived passages")
    _add_data(p)
    p.set_defaults(run=_cmd_verify)

    p = sub.add_parser("sources", help="list every document, its URL and its archive")
    p.add_argument(
        "document",
        metavar="DOCUMENT",
        nargs="?",
        help="show one document in full: copies, passages and gaps",
    )
    p.add_argument("-f", "--format", default="github", help="table format (default github)")
    _add_data(p)
    _add_output(p)
    p.set_defaults(run=_cmd_sources)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (never raises for expected errors)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except _Exit as e:
        if e.message:
            print(e.message, file=sys.stderr)
        return e.code
    except SystemExit as e:  # --help, --version
        return e.code if isinstance(e.code, int) else EXIT_OK
    except DataError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except (UsageError, UnknownIdError) as e:
        print(f"negotiation: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except NegotiationError as e:
        print(f"negotiation: error: {e}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # e.g. `negotiation matrix | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        print(f"negotiation: error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("NEGOTIATION_DEBUG"):
            raise
        print(
            f"negotiation: internal error: {type(e).__name__}: {e} (set NEGOTIATION_DEBUG=1 "
            "for a traceback and please report it)",
            file=sys.stderr,
        )
        return 70
