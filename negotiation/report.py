"""Full reports: the matrix, a legend and every demand's evidence, for HTML, Markdown and LaTeX;
the tidy records for CSV and JSON.

Every piece of data text is escaped for the format it is written into; HTML reports are one
self-contained file (inline CSS, no scripts, no remote assets) and link only http(s) URLs.

>>> import negotiation as ng
>>> html_text = report(ng.load(), "html")
>>> html_text.startswith("<!DOCTYPE html>") and "<script" not in html_text
True
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from typing import Callable

from . import render
from .errors import UsageError
from .matrix import StatusMatrix
from .model import Dataset, Demand, Document, Quote, Response, Status

__all__ = ["FORMATS", "html_section", "latex_escape", "matrix_html", "report"]

#: Colours of the HTML report; the status is always written out too, so no reader depends on them.
_COLOURS = {
    Status.ACCEPTED: "#1a9850",
    Status.COUNTER_PROPOSAL: "#91cf60",
    Status.OPEN: "#d9ef8b",
    Status.NOT_ADDRESSED: "#e0e0e0",
    Status.REJECTED: "#d73027",
    Status.PENDING: "#ffffff",
}

_LATEX = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\^{}",
    "\\": r"\textbackslash{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}


def latex_escape(text: object) -> str:
    r"""Text safe inside LaTeX: its special characters written as commands.

    >>> print(latex_escape("50% of $x_1 & {y}"))
    50\% of \$x\_1 \& \{y\}
    """
    cleaned = render._clean(text)
    return "".join(_LATEX.get(ch, ch) for ch in " ".join(cleaned.split()))


def _safe_url(url: str) -> str | None:
    return url if url.startswith(("https://", "http://")) else None


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "undated"


# ------------------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:Georgia,serif;max-width:70em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #999}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}
td.status{font-weight:bold}
.s-accepted{background:#1a9850;color:#fff}.s-counter-proposal{background:#91cf60}
.s-open{background:#d9ef8b}.s-not-addressed{background:#e0e0e0}
.s-rejected{background:#d73027;color:#fff}.s-pending{background:#fff}
blockquote{margin:.3em 0 .3em 1.5em;font-style:italic}
.meta{color:#444;font-size:.9em}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}a{color:#000}}
"""


def _h(text: object) -> str:
    return html.escape(render._clean(text), quote=True)


def _html_link(doc: Document) -> str:
    url = _safe_url(doc.url)
    title = _h(doc.title)
    label = f"{title} ({_h(doc.publisher)}, {_day(doc.date)})"
    return f'<a href="{_h(url)}">{label}</a>' if url else f"{label} &lt;{_h(doc.url)}&gt;"


def _html_quote(quote: Quote) -> str:
    mark = "Paraphrase, not verbatim: " if quote.paraphrase else ""
    parts = [f"<blockquote>{mark}&ldquo;{_h(quote.text)}&rdquo;</blockquote>"]
    details = []
    if quote.locator:
        details.append(_h(quote.locator))
    if quote.translation:
        details.append(f"translation: {_h(quote.translation)}")
    if quote.via is not None:
        details.append(f"read in {_html_link(quote.via)}")
    if details:
        parts.append(f'<p class="meta">{"; ".join(details)}</p>')
    return "".join(parts)


def _html_response(r: Response) -> str:
    out = [
        f'<li><span class="s-{r.status.value}">{_h(r.status.value)}</span>, '
        f"{_day(r.date)}: {_html_link(r.source)}"
    ]
    if r.quote is not None:
        out.append(_html_quote(r.quote))
    if r.conditions:
        out.append(f'<p class="meta">Conditions: {_h(r.conditions)}</p>')
    if r.note:
        out.append(f'<p class="meta">Note: {_h(r.note)}</p>')
    out.append("</li>")
    return "".join(out)


def html_section(m: StatusMatrix, d: Demand) -> str:
    """One demand's section: its text, refs, and each actor's evidence up to ``m.as_of``."""
    ds = m.dataset
    body = [
        f'<section id="{_h(d.id)}"><h2>{_h(d.title)}</h2>',
        f'<p class="meta">{_h(d.id)}; raised {_day(d.raised)}; {_h(d.category)}; '
        f"made in: {_h('; '.join(str(r) for r in d.refs))}</p>",
        f"<p>{_h(d.summary)}</p>",
        _html_quote(d.quote),
        f'<p class="meta">Quoted from {_html_link(d.source)}</p>',
    ]
    for a in m.actors:
        evidence = [r for r in ds.evidence(d.id, a.id) if m.as_of is None or r.date <= m.as_of]
        status = m.status(d.id, a.id).value
        body.append(f'<h3>{_h(a.name)}: <span class="s-{status}">{_h(status)}</span></h3>')
        body.append(
            "<ul>" + "".join(_html_response(r) for r in evidence) + "</ul>"
            if evidence
            else "<p>No response recorded.</p>"
        )
    for assessor in m.assessors:
        found = m.assessment(d.id, assessor.id)
        if found:
            body.append(
                f"<h3>{_h(assessor.name)}'s assessment of the {_h(found.of)} "
                f"answer: {_h(found.verdict.value)}</h3>"
            )
            body.append(f"<p>{_day(found.date)}: {_html_link(found.source)}</p>")
            body.append(_html_quote(found.quote))
    body.append("</section>")
    return "".join(body)


def _status_attrs(status: Status, inline: bool) -> str:
    if not inline:
        return f'class="status s-{status.value}"'
    text = "#fff" if status in (Status.ACCEPTED, Status.REJECTED) else "#000"
    return (
        f'style="background:{_COLOURS[status]};color:{text};font-weight:bold;'
        'border:1px solid #999;padding:2px 6px"'
    )


def matrix_html(m: StatusMatrix, inline: bool = True, links: bool = False) -> str:
    """The matrix as a colour-coded HTML table with a legend; every status is also written.

    Args:
        m: the matrix.
        inline: colours as inline styles (for notebooks, which drop style sheets) rather than
            classes of the report's style sheet.
        links: link each demand id to its section of the report.
    """
    head = "".join(f"<th>{_h(h)}</th>" for h in m.headers())
    rows = []
    for d in m.demands:
        name = f'<a href="#{_h(d.id)}">{_h(d.id)}</a>' if links else _h(d.id)
        cells = [f"<td>{name}</td><td>{_h(d.title)}</td>"]
        for a in m.actors:
            status = m.status(d.id, a.id)
            cells.append(f"<td {_status_attrs(status, inline)}>{_h(status.value)}</td>")
        for assessor in m.assessors:
            found = m.assessment(d.id, assessor.id)
            cells.append(f"<td>{_h(f'{found.verdict.value} ({found.of})') if found else ''}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    legend = "".join(
        f"<li><span {_status_attrs(s, inline)}>{_h(s.value)}</span>: {_h(s.definition)}</li>"
        for s in Status
    )
    return (
        f'<table id="matrix"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        f'</table><p class="meta">{_h(m.caption)}</p><ul id="legend">{legend}</ul>'
    )


def _html(m: StatusMatrix) -> str:
    ds = m.dataset
    sections = [html_section(m, d) for d in m.demands]
    title = _h(ds.name or "Negotiation")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f"<h1>{title}: status of each demand</h1>"
        f"{matrix_html(m, inline=False, links=True)}"
        f"{''.join(sections)}</body></html>\n"
    )


# --------------------------------------------------------------------------------- Markdown


def _md_quote(quote: Quote) -> list[str]:
    mark = "Paraphrase, not verbatim: " if quote.paraphrase else ""
    lines = [f"> {mark}\u201c{render.markdown_text(quote.text)}\u201d", ""]
    details = [
        render.markdown_text(x)
        for x in (quote.locator, quote.translation and f"translation: {quote.translation}")
        if x
    ]
    if quote.via is not None:
        details.append(f"read in {_md_link(quote.via)}")
    if details:
        lines += ["; ".join(details), ""]
    return lines


def _md_link(doc: Document) -> str:
    label = render.markdown_text(f"{doc.title} ({doc.publisher}, {_day(doc.date)})")
    url = _safe_url(doc.url)
    return f"[{label}](<{url.replace('>', '%3E').replace(' ', '%20')}>)" if url else label


def _markdown(m: StatusMatrix) -> str:
    ds = m.dataset
    out = [
        f"# {render.markdown_text(ds.name or 'Negotiation')}: status of each demand",
        "",
        m.to_table("github"),
        "",
        render.markdown_text(m.caption),
        "",
        "## Legend",
        "",
    ]
    out += [f"- **{s.value}**: {s.definition}" for s in Status]
    for d in m.demands:
        out += [
            "",
            f"## {render.markdown_text(d.title)}",
            "",
            render.markdown_text(
                f"{d.id}; raised {_day(d.raised)}; made in: " + "; ".join(str(r) for r in d.refs)
            ),
            "",
            render.markdown_text(d.summary),
            "",
            *_md_quote(d.quote),
            f"Quoted from {_md_link(d.source)}",
        ]
        for a in m.actors:
            status = m.status(d.id, a.id).value
            out += ["", f"### {render.markdown_text(a.name)}: {status}", ""]
            evidence = [r for r in ds.evidence(d.id, a.id) if m.as_of is None or r.date <= m.as_of]
            if not evidence:
                out.append("No response recorded.")
            for r in evidence:
                out += [f"- **{r.status.value}**, {_day(r.date)}: {_md_link(r.source)}", ""]
                if r.quote is not None:
                    out += ["  " + line if line else "" for line in _md_quote(r.quote)]
                for label, value in (("Conditions", r.conditions), ("Note", r.note)):
                    if value:
                        out += [f"  {label}: {render.markdown_text(value)}", ""]
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------------------------ LaTeX


def _latex(m: StatusMatrix) -> str:
    notes: dict[str, int] = {}
    sources: list[Document] = []

    def note(doc: Document) -> int:
        if doc.id not in notes:
            notes[doc.id] = len(notes) + 1
            sources.append(doc)
        return notes[doc.id]

    columns = "ll" + "l" * len(m.actors)
    lines = [
        f"% {latex_escape(m.caption)}",
        f"\\begin{{tabular}}{{{columns}}}",
        "\\toprule",
        " & ".join(latex_escape(h) for h in m.headers()[: 2 + len(m.actors)]) + r" \\",
        "\\midrule",
    ]
    for d in m.demands:
        cells = [latex_escape(d.id), latex_escape(d.title)]
        for a in m.actors:
            cell = m.cell(d.id, a.id)
            mark = (
                f"\\textsuperscript{{{note(cell.response.source)}}}"
                if cell.response is not None
                else ""
            )
            cells.append(latex_escape(cell.status.value) + mark)
        lines.append(" & ".join(cells) + r" \\")
    lines += [
        "\\bottomrule",
        "\\end{tabular}",
        "",
        "% Sources of the deciding responses",
        "\\begin{enumerate}\\footnotesize",
    ]
    for doc in sources:
        lines.append(
            f"  \\item[{notes[doc.id]}] {latex_escape(doc.title)}, "
            f"{latex_escape(doc.publisher)}, {_day(doc.date)}, "
            f"\\texttt{{{latex_escape(doc.url)}}}"
        )
    lines.append("\\end{enumerate}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ CSV and JSON


def _records(m: StatusMatrix) -> tuple[list[str], list[list[object]]]:
    records = m.records()
    headers = list(records[0]) if records else ["demand", "actor", "status"]
    return headers, [[r.get(h) for h in headers] for r in records]


def _csv(m: StatusMatrix) -> str:
    headers, rows = _records(m)
    # A CSV has no footer: each row names the dataset version and the as-of day instead.
    version, day = m.dataset.version, m.as_of.isoformat() if m.as_of else ""
    return render.table(
        [*headers, "dataset_version", "as_of"], [[*row, version, day] for row in rows], "csv"
    )


def _json(m: StatusMatrix) -> str:
    ds = m.dataset
    payload = {
        "dataset": ds.name,
        "version": ds.version,
        "as_of": m.as_of.isoformat() if m.as_of else None,
        "caption": m.caption,
        "records": m.records(),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


#: Report format -> renderer of a matrix.
FORMATS: dict[str, Callable[[StatusMatrix], str]] = {
    "html": _html,
    "markdown": _markdown,
    "latex": _latex,
    "csv": _csv,
    "json": _json,
}


def report(
    ds: Dataset,
    fmt: str = "html",
    as_of: dt.date | str | None = None,
    actors: Sequence[str] | str | None = None,
) -> str:
    """A full report of ``ds``: the matrix, a legend and each demand's evidence.

    Args:
        ds: the dataset.
        fmt: ``html``, ``markdown``, ``latex``, ``csv`` or ``json``.
        as_of: the state of play on this day.
        actors: actor ids for the columns (default: every actor with a response).

    Raises:
        UsageError: an unknown format, a bad date or an empty actor selection.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return FORMATS[fmt](ds.matrix(as_of=as_of, actors=actors))
