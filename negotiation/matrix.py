"""The demand-by-actor status matrix, and how cells move over time.

**The cell rule.** A cell (demand x actor) takes the status of the actor's *latest* response to
the demand dated on or before the matrix's ``as_of`` day; of several responses on one day, the
one listed last in the data file decides. A ``not-addressed`` response (silence) decides only
when the actor has taken no position before it: silence in a later document does not withdraw
an explicit one. A cell with no response is ``pending``. (``docs/codebook.md`` gives the
reasons.)

>>> import negotiation as ng
>>> m = ng.load().matrix()
>>> m.status("nato-non-enlargement", "nato")
<Status.REJECTED: 'rejected'>
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from . import render
from .errors import MissingExtraError, UsageError
from .model import Actor, Assessment, Dataset, Demand, Document, Response, Status

__all__ = ["Cell", "StatusMatrix", "decide", "parse_date"]


def parse_date(value: dt.date | str | None, what: str = "date") -> dt.date | None:
    """A ``datetime.date`` from a date, a datetime or an ISO ``YYYY-MM-DD`` string.

    >>> parse_date("2022-01-26")
    datetime.date(2022, 1, 26)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UsageError(f"{what}: {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2022-01-26)")


@attrs.frozen
class Cell:
    """One demand x actor cell: its status and the response that decides it (None if pending)."""

    demand: Demand
    actor: Actor
    status: Status
    response: Response | None


def decide(responses: Sequence[Response], as_of: dt.date | None) -> Response | None:
    """The response that decides a cell on ``as_of`` (see the cell rule in the module doc).

    ``responses`` are one cell's, oldest first (file order within a day).
    """
    latest: Response | None = None
    for response in reversed(responses):
        if as_of is not None and response.date > as_of:
            continue
        if response.status is not Status.NOT_ADDRESSED:
            return response  # silence never overrides a position taken
        latest = latest or response
    return latest


class StatusMatrix:
    """Every selected demand x every selected actor, each cell a :class:`Cell`.

    Build it with :meth:`Dataset.matrix`. In a notebook it shows itself as a table.

    >>> import negotiation as ng
    >>> m = ng.load().matrix(actors="us,nato")
    >>> [a.id for a in m.actors]
    ['us', 'nato']
    """

    def __init__(
        self,
        dataset: Dataset,
        demands: Sequence[Demand],
        actors: Sequence[Actor],
        as_of: dt.date | None = None,
        assessments: bool = True,
    ) -> None:
        self.dataset = dataset
        self.demands: tuple[Demand, ...] = tuple(demands)
        self.actors: tuple[Actor, ...] = tuple(actors)
        self.as_of = as_of
        #: Latest assessment per (demand, assessing actor), when ``assessments`` is true.
        self._assessments: dict[tuple[str, str], Assessment] = {}
        if assessments:
            shown = {d.id for d in self.demands}
            for a in sorted(dataset.assessments, key=lambda a: a.date):
                if a.demand in shown and (as_of is None or a.date <= as_of):
                    self._assessments[a.demand, a.actor] = a
        self.assessors: tuple[Actor, ...] = tuple(
            a for a in dataset.actors if any(k[1] == a.id for k in self._assessments)
        )
        self._cells: dict[tuple[str, str], Cell] = {}
        for demand in self.demands:
            for actor in self.actors:
                response = decide(dataset.evidence(demand.id, actor.id), as_of)
                status = response.status if response else Status.PENDING
                self._cells[demand.id, actor.id] = Cell(demand, actor, status, response)

    @classmethod
    def build(
        cls,
        dataset: Dataset,
        as_of: dt.date | str | None = None,
        actors: Sequence[str] | str | None = None,
        assessments: bool = True,
    ) -> StatusMatrix:
        """The matrix of ``dataset`` as of a day (see :meth:`Dataset.matrix`)."""
        day = parse_date(as_of, "as_of")
        selected = dataset.select_actors(actors)
        if not selected:
            raise UsageError("no actors selected; name at least one actor id")
        demands = [d for d in dataset.demands if day is None or d.raised <= day]
        return cls(dataset, demands, selected, day, assessments)

    def cell(self, demand: str, actor: str) -> Cell:
        """The cell of a demand id and an actor id."""
        try:
            return self._cells[demand, actor]
        except KeyError:
            self.dataset.demand(demand)  # raises UnknownIdError for an unknown id
            self.dataset.actor(actor)
            raise UsageError(
                f"{demand!r} x {actor!r} is not in this matrix (as_of {self.as_of}, actors "
                f"{', '.join(a.id for a in self.actors)})"
            ) from None

    def status(self, demand: str, actor: str) -> Status:
        """The status of a cell."""
        return self.cell(demand, actor).status

    def assessment(self, demand: str, actor: str) -> Assessment | None:
        """``actor``'s latest assessment of the answers to ``demand`` (None if there is none)."""
        return self._assessments.get((demand, actor))

    def cells(self) -> Iterator[Cell]:
        """Every cell, row by row."""
        return iter(self._cells.values())

    def counts(self) -> dict[str, dict[Status, int]]:
        """For each actor id, how many cells have each status."""
        out = {a.id: dict.fromkeys(Status, 0) for a in self.actors}
        for cell in self.cells():
            out[cell.actor.id][cell.status] += 1
        return out

    def records(self) -> list[dict[str, Any]]:
        """Tidy rows, one per cell: demand, actor, status and the deciding evidence.

        >>> import negotiation as ng
        >>> row = ng.load().matrix().records()[0]
        >>> list(row)[:4]
        ['demand', 'title', 'actor', 'status']
        """
        rows = []
        for cell in self.cells():
            r = cell.response
            quote = r.quote if r else None
            source: Document | None = r.source if r else None
            rows.append(
                {
                    "demand": cell.demand.id,
                    "title": cell.demand.title,
                    "actor": cell.actor.id,
                    "status": cell.status.value,
                    "date": r.date.isoformat() if r else None,
                    "source": source.id if source else None,
                    "source_title": source.title if source else None,
                    "url": source.url if source else None,
                    "via": quote.via.id if quote and quote.via else None,
                    "via_url": quote.via.url if quote and quote.via else None,
                    "quote": quote.text if quote else None,
                    "paraphrase": quote.paraphrase if quote else None,
                    "conditions": r.conditions if r else None,
                    "note": r.note if r else None,
                }
            )
        return rows

    # ------------------------------------------------------------------ tables

    def headers(self) -> list[str]:
        """Column titles of :meth:`rows`."""
        return [
            "Demand",
            "Title",
            *(a.name for a in self.actors),
            *(f"{a.name}: assessment" for a in self.assessors),
        ]

    def rows(self) -> list[list[str]]:
        """One row per demand: id, title, each actor's status, then any assessment columns."""
        rows = []
        for d in self.demands:
            row = [d.id, d.title, *(self._cells[d.id, a.id].status.value for a in self.actors)]
            for assessor in self.assessors:
                found = self._assessments.get((d.id, assessor.id))
                row.append(f"{found.verdict.value} ({found.of})" if found else "")
            rows.append(row)
        return rows

    def to_table(self, fmt: str = "github") -> str:
        """The matrix as a table in any format of :func:`negotiation.render.formats`.

        >>> import negotiation as ng
        >>> m = ng.load().matrix(actors="nato", assessments=False)
        >>> print(m.to_table("plain").splitlines()[0])
        Demand ... NATO
        """
        return render.table(self.headers(), self.rows(), fmt)

    def to_pandas(self, tidy: bool = False) -> Any:
        """The matrix as a pandas DataFrame (the ``[pandas]`` extra).

        Args:
            tidy: False (default): one row per demand (index: demand id), one column per
                actor id, status strings as values. True: the long form of :meth:`records`,
                one row per cell with its evidence.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingExtraError("pandas", "pandas") from None
        if tidy:
            return pd.DataFrame.from_records(self.records())
        frame = pd.DataFrame(
            [[self._cells[d.id, a.id].status.value for a in self.actors] for d in self.demands],
            index=pd.Index([d.id for d in self.demands], name="demand"),
            columns=pd.Index([a.id for a in self.actors], name="actor"),
        )
        frame.attrs["caption"] = self.caption
        return frame

    def plot(self, ax: Any = None) -> Any:
        """Draw the matrix as a heatmap with matplotlib (the ``[plot]`` extra); return the Axes."""
        from .plot import plot_matrix

        return plot_matrix(self, ax=ax)

    @property
    def caption(self) -> str:
        """What the table shows: dataset, version and the day it is as of.

        Without ``as_of``, the day is that of the latest dated evidence in the dataset.
        """
        ds = self.dataset
        day = self.as_of
        if day is None:
            dates = [r.date for r in ds.responses] + [a.date for a in ds.assessments]
            day = max(dates) if dates else None
        name = ds.name or "negotiation dataset"
        version = f" version {ds.version}" if ds.version else ""
        when = f", as of {day.isoformat()}" if day else ""
        return f"{name}{version}{when}. Status of each demand per actor (docs/codebook.md)."

    def __str__(self) -> str:
        return self.to_table("simple")

    def __repr__(self) -> str:
        day = f", as_of={self.as_of.isoformat()}" if self.as_of else ""
        return (
            f"<StatusMatrix {len(self.demands)} demands x "
            f"{', '.join(a.id for a in self.actors)}{day}>"
        )

    def _repr_markdown_(self) -> str:
        return self.to_table("github")

    def _repr_latex_(self) -> str:
        return self.to_table("latex_booktabs")

    def _repr_html_(self) -> str:
        from .report import matrix_html

        return f"<div>{matrix_html(self)}</div>"
