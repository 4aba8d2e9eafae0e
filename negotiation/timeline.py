"""How cells move over time: a cell's history, the diff between two days, the timeline.

>>> import negotiation as ng
>>> [(s.date.isoformat(), s.status.value)
...  for s in history(ng.load(), "missile-moratorium", "nato")]
[('2021-12-14', 'rejected'), ('2022-01-12', 'open')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from .errors import UsageError
from .matrix import StatusMatrix, decide, parse_date
from .model import Actor, Dataset, Demand, Document, Response, Status

__all__ = ["Change", "Diff", "Event", "Step", "diff", "history", "timeline"]


@attrs.frozen
class Step:
    """A cell's status from ``date`` on, and the response that set it."""

    date: dt.date
    status: Status
    response: Response


def history(dataset: Dataset, demand: str, actor: str) -> tuple[Step, ...]:
    """The steps of a cell, oldest first: one per change of status (see :meth:`Dataset.history`).

    Each step is the cell's status by the cell rule on a day with a response; a day that
    leaves the status as it was adds no step.
    """
    responses = dataset.evidence(demand, actor)
    steps: list[Step] = []
    for day in sorted({r.date for r in responses}):
        deciding = decide(responses, day)
        assert deciding is not None  # a response is dated ``day``
        if not steps or steps[-1].status is not deciding.status:
            steps.append(Step(day, deciding.status, deciding))
    return tuple(steps)


@attrs.frozen
class Change:
    """A cell whose status differs between two days, with the responses dated in between."""

    demand: Demand
    actor: Actor
    before: Status
    after: Status
    responses: tuple[Response, ...]

    @property
    def deciding(self) -> Response | None:
        """The response that sets the later status."""
        return self.responses[-1] if self.responses else None


@attrs.frozen
class Diff:
    """What moved between ``earlier`` and ``later``: changed cells and newly raised demands."""

    earlier: dt.date
    later: dt.date
    changes: tuple[Change, ...]
    added: tuple[Demand, ...]


def diff(
    dataset: Dataset,
    earlier: dt.date | str,
    later: dt.date | str,
    actors: Sequence[str] | str | None = None,
) -> Diff:
    """The cells whose status differs between two days (see :meth:`Dataset.diff`)."""
    start, end = parse_date(earlier, "earlier"), parse_date(later, "later")
    assert start is not None and end is not None
    if start > end:
        raise UsageError(f"the earlier date ({start}) is after the later one ({end}); swap them")
    before = StatusMatrix.build(dataset, as_of=start, actors=actors)
    after = StatusMatrix.build(dataset, as_of=end, actors=actors)
    known = {d.id for d in before.demands}
    changes = []
    for cell in after.cells():
        old = (
            before.status(cell.demand.id, cell.actor.id)
            if cell.demand.id in known
            else Status.PENDING
        )
        if old is not cell.status:
            moved = tuple(
                r for r in dataset.evidence(cell.demand.id, cell.actor.id) if start < r.date <= end
            )
            changes.append(Change(cell.demand, cell.actor, old, cell.status, moved))
    added = tuple(d for d in after.demands if d.id not in known)
    return Diff(start, end, tuple(changes), added)


@attrs.frozen
class Event:
    """A dated event: a document issued, a demand raised, or a response given."""

    date: dt.date
    kind: str  # "document" | "demand" | "response"
    subject: Document | Demand | Response

    @property
    def label(self) -> str:
        """A one-line description of the event."""
        s = self.subject
        if isinstance(s, Document):
            return f"{s.title} ({s.publisher})"
        if isinstance(s, Demand):
            return f"demand raised: {s.title}"
        return f"{s.actor} on {s.demand}: {s.status.value}"


def timeline(
    dataset: Dataset, kinds: Sequence[str] = ("document", "demand", "response")
) -> tuple[Event, ...]:
    """Every dated event of ``dataset`` in date order (documents, demands, responses)."""
    events: list[Event] = []
    if "document" in kinds:
        events += [Event(d.date, "document", d) for d in dataset.documents if d.date]
    if "demand" in kinds:
        events += [Event(d.raised, "demand", d) for d in dataset.demands]
    if "response" in kinds:
        events += [Event(r.date, "response", r) for r in dataset.responses]
    order = {"document": 0, "demand": 1, "response": 2}
    return tuple(sorted(events, key=lambda e: (e.date, order[e.kind])))
