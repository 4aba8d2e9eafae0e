"""Plain-text accounts of a demand and the evidence behind its cells.

>>> import negotiation as ng
>>> print(explain(ng.load(), "missile-moratorium", "nato").splitlines()[0])
missile-moratorium: ...
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap

import attrs

from .matrix import decide, parse_date
from .model import Dataset, Document, Quote, Response

__all__ = ["Explanation", "explain"]


def _document(doc: Document) -> str:
    date = f", {doc.date.isoformat()}" if doc.date else ""
    return f"{doc.title} ({doc.publisher}{date}) <{doc.url}>"


def _quote_lines(quote: Quote, indent: str) -> list[str]:
    mark = "paraphrase, not verbatim: " if quote.paraphrase else ""
    lines = textwrap.wrap(
        f'{mark}"{quote.text}"', width=96, initial_indent=indent, subsequent_indent=indent + " "
    )
    details = []
    if quote.locator:
        details.append(quote.locator)
    if quote.translation:
        details.append(f"translation: {quote.translation}")
    if quote.via is not None:
        details.append(f"read in: {_document(quote.via)}")
    lines += [f"{indent}  {d}" for d in details]
    return lines


def _response_lines(response: Response) -> list[str]:
    lines = [f"  {response.date.isoformat()}  {response.status.value}"]
    if response.quote is not None:
        lines += _quote_lines(response.quote, "    ")
    lines.append(f"    source: {_document(response.source)}")
    if response.conditions:
        lines.append(f"    conditions: {response.conditions}")
    if response.note:
        lines += textwrap.wrap(
            f"note: {response.note}", width=96, initial_indent="    ", subsequent_indent="      "
        )
    return lines


def explain(
    ds: Dataset, demand: str, actor: str | None = None, as_of: dt.date | str | None = None
) -> str:
    """A demand's text and refs, then each actor's responses, oldest first.

    Args:
        ds: the dataset.
        demand: a demand id.
        actor: one actor id; default every actor with a response.
        as_of: leave out responses dated after this day.

    Raises:
        UnknownIdError: for an unknown demand or actor id.
    """
    d = ds.demand(demand)
    day = parse_date(as_of, "as_of")
    actors = ds.select_actors([actor] if actor else None)
    lines = [
        f"{d.id}: {d.title}",
        f"  raised {d.raised.isoformat()}"
        + (f" by {d.by}" if d.by else "")
        + f"; category: {d.category}",
        *textwrap.wrap(d.summary, width=96, initial_indent="  ", subsequent_indent="  "),
        *_quote_lines(d.quote, "  "),
        f"  quoted from: {_document(d.source)}",
        "  made in: " + "; ".join(str(r) for r in d.refs),
    ]
    if d.note:
        lines += textwrap.wrap(
            f"note: {d.note}", width=96, initial_indent="  ", subsequent_indent="    "
        )
    for a in actors:
        responses = [r for r in ds.evidence(d.id, a.id) if day is None or r.date <= day]
        deciding = decide(responses, None)
        status = deciding.status.value if deciding else "pending"
        lines += ["", f"{a.name} ({a.id}): {status}"]
        if not responses:
            lines.append("  no response recorded")
        for response in responses:
            lines += _response_lines(response)
    return "\n".join(lines)


@attrs.frozen
class Explanation:
    """A demand's evidence for reading: ``str()`` is plain text, notebooks show HTML."""

    dataset: Dataset = attrs.field(repr=False)
    demand: str
    actor: str | None = None
    as_of: dt.date | str | None = None

    def __str__(self) -> str:
        return explain(self.dataset, self.demand, self.actor, self.as_of)

    def _repr_html_(self) -> str:
        from .report import html_section

        m = self.dataset.matrix(as_of=self.as_of, actors=[self.actor] if self.actor else None)
        demand = self.dataset.demand(self.demand)
        if demand not in m.demands:
            return f"<p>{html.escape(self.demand)} was not raised by {m.as_of}.</p>"
        return html_section(m, demand)
