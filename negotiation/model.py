"""The records of a negotiation dataset: frozen attrs classes and the ``Status`` codes.

Records are built by the loader (:mod:`negotiation.load`) or by hand; they never read files.

>>> us = Actor("us", "United States")
>>> us.name
'United States'
>>> Status("not-addressed") is Status.NOT_ADDRESSED
True
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .errors import UnknownIdError

if TYPE_CHECKING:
    from .explain import Explanation
    from .matrix import StatusMatrix
    from .timeline import Diff, Event, Step

__all__ = [
    "DOCUMENT_KINDS",
    "Actor",
    "Assessment",
    "Dataset",
    "Demand",
    "Document",
    "Quote",
    "Ref",
    "Response",
    "Status",
    "Verdict",
]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ID_RULE = "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"

#: What a document is: a primary document of the exchange, an official's dated statement,
#: or a report/copy (news article, reprint) through which a text was read.
DOCUMENT_KINDS = ("primary", "statement", "report")


class Status(str, enum.Enum):
    """How an actor stands on a demand. The values are the strings used in data files.

    >>> Status.COUNTER_PROPOSAL.value
    'counter-proposal'
    >>> Status.OPEN.definition
    'ready to discuss the subject, but offers no measure'
    """

    ACCEPTED = "accepted"
    COUNTER_PROPOSAL = "counter-proposal"
    OPEN = "open"
    NOT_ADDRESSED = "not-addressed"
    REJECTED = "rejected"
    PENDING = "pending"

    @property
    def definition(self) -> str:
        """The one-line definition of this status (the codebook has the decision rules)."""
        return _DEFINITIONS[self]

    def __str__(self) -> str:
        return self.value


_DEFINITIONS = {
    Status.ACCEPTED: "agrees to the demand in substance",
    Status.COUNTER_PROPOSAL: (
        "offers a different, narrower or reciprocal measure on the same subject"
    ),
    Status.OPEN: "ready to discuss the subject, but offers no measure",
    Status.NOT_ADDRESSED: "answered in writing, but the answer is silent on this demand",
    Status.REJECTED: "refuses the demand",
    Status.PENDING: "no response recorded yet",
}


class Verdict(str, enum.Enum):
    """How the demanding side judged an answer to its demand (see :class:`Assessment`).

    >>> Verdict("no-response").definition
    'says the answer is silent on the demand'
    """

    NO_RESPONSE = "no-response"
    UNSATISFACTORY = "unsatisfactory"
    WELCOMED = "welcomed"

    @property
    def definition(self) -> str:
        """The one-line definition of this verdict."""
        return _VERDICTS[self]

    def __str__(self) -> str:
        return self.value


_VERDICTS = {
    Verdict.NO_RESPONSE: "says the answer is silent on the demand",
    Verdict.UNSATISFACTORY: "says the answer gave no constructive response or refused the demand",
    Verdict.WELCOMED: "takes the answer as a basis to work on",
}


def _valid_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not a valid id ({ID_RULE})")


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _non_empty(instance, attribute, value)


def _is_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TypeError(f"{attribute.name} must be a datetime.date, got {value!r}")


def _optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _is_date(instance, attribute, value)


@attrs.frozen
class Actor:
    """A party to the negotiation (``us``, ``nato``, ``russia`` in the bundled data)."""

    id: str = attrs.field(validator=_valid_id)
    name: str = attrs.field(validator=_non_empty)


@attrs.frozen
class Document:
    """A text that makes, answers or reports a demand.

    ``kind`` is one of :data:`DOCUMENT_KINDS`. ``issuer`` is the id of the actor who issued it
    (None for a news report). ``date`` may be None only for a report whose copy shows no date.
    ``retrieved`` and ``sha256`` describe the archive of passages kept
    in ``data/sources/<id>.txt``, where there is one.
    """

    id: str = attrs.field(validator=_valid_id)
    title: str = attrs.field(validator=_non_empty)
    date: dt.date | None = attrs.field(validator=_optional_date)
    url: str = attrs.field(validator=_non_empty)
    publisher: str = attrs.field(validator=_non_empty)
    kind: str = attrs.field(validator=attrs.validators.in_(DOCUMENT_KINDS))
    issuer: str | None = attrs.field(default=None, validator=_optional_text)
    retrieved: dt.date | None = attrs.field(default=None, validator=_optional_date)
    sha256: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.matches_re(r"^[0-9a-f]{64}$")),
    )
    note: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen
class Quote:
    """Words quoted from a document, and how they were read.

    ``via`` is the copy the words were read in (a reprint or a news report) when the document
    itself was not read directly. ``translation`` says whose English it is when the original is
    in another language. ``paraphrase`` marks text that is *not* verbatim.

    >>> str(Quote("Russia has no right of veto."))
    'Russia has no right of veto.'
    """

    text: str = attrs.field(validator=_non_empty)
    via: Document | None = None
    locator: str | None = attrs.field(default=None, validator=_optional_text)
    language: str = attrs.field(default="en", validator=_non_empty)
    translation: str | None = attrs.field(default=None, validator=_optional_text)
    paraphrase: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Ref:
    """A place where a demand was made: a document and, optionally, its article."""

    document: Document
    article: str | None = attrs.field(default=None, validator=_optional_text)

    def __str__(self) -> str:
        return self.document.id + (f" art. {self.article}" if self.article else "")


def _as_tuple(items: Iterable[Any], kind: type) -> tuple[Any, ...]:
    """A tuple of ``items``, each checked to be a ``kind``."""
    out = tuple(items)
    for item in out:
        if not isinstance(item, kind):
            raise TypeError(f"expected {kind.__name__} items, got {item!r}")
    return out


def _tuple_of(kind: type, **kwargs: Any) -> Any:
    """A field holding a tuple of ``kind`` records (any iterable is accepted and checked)."""
    return attrs.field(converter=functools.partial(_as_tuple, kind=kind), **kwargs)


@attrs.frozen
class Demand:
    """One demand, made in one or more documents (``refs``).

    ``quote`` is its verbatim wording, read in ``source`` (one of the referenced documents);
    ``raised`` is the date it was first made; ``by`` the id of the demanding actor.
    """

    id: str = attrs.field(validator=_valid_id)
    title: str = attrs.field(validator=_non_empty)
    summary: str = attrs.field(validator=_non_empty)
    category: str = attrs.field(validator=_non_empty)
    raised: dt.date = attrs.field(validator=_is_date)
    source: Document
    quote: Quote
    refs: tuple[Ref, ...] = _tuple_of(Ref)
    by: str | None = attrs.field(default=None, validator=attrs.validators.optional(_valid_id))
    note: str | None = attrs.field(default=None, validator=_optional_text)

    @property
    def text(self) -> str:
        """The verbatim wording of the demand."""
        return self.quote.text

    def _repr_html_(self) -> str:
        import html

        refs = "; ".join(html.escape(str(r)) for r in self.refs)
        mark = "Paraphrase: " if self.quote.paraphrase else ""
        return (
            f"<p><b>{html.escape(self.title)}</b> ({html.escape(self.id)}, raised "
            f"{self.raised.isoformat()})</p><blockquote>{mark}&ldquo;"
            f"{html.escape(self.quote.text)}&rdquo;</blockquote><p>Made in: {refs}. "
            "Evidence: <code>dataset.explain(demand_id)</code>.</p>"
        )


@attrs.frozen
class Response:
    """An actor's recorded answer to a demand on a date, with its evidence.

    ``source`` is the document that answers (or, for ``not-addressed``, the written answer that
    is silent); ``quote`` its words (None only for ``not-addressed``).
    """

    demand: str = attrs.field(validator=_valid_id)
    actor: str = attrs.field(validator=_valid_id)
    date: dt.date = attrs.field(validator=_is_date)
    status: Status = attrs.field(converter=Status)
    source: Document
    quote: Quote | None = None
    conditions: str | None = attrs.field(default=None, validator=_optional_text)
    note: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen
class Assessment:
    """The demanding side's judgement of an answer to its demand (Russia's reply of 17 Feb 2022).

    ``actor`` judges the answer that ``of`` gave; ``source`` and ``quote`` are the evidence.
    """

    demand: str = attrs.field(validator=_valid_id)
    actor: str = attrs.field(validator=_valid_id)
    of: str = attrs.field(validator=_valid_id)
    date: dt.date = attrs.field(validator=_is_date)
    verdict: Verdict = attrs.field(converter=Verdict)
    source: Document
    quote: Quote
    note: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen
class Dataset:
    """A whole coded negotiation: actors, documents, demands and responses.

    Get one with :func:`negotiation.load`. Lookups by id are indexed once, here.

    >>> import negotiation as ng
    >>> ds = ng.load()
    >>> ds.demand("missile-moratorium").category
    'missiles'
    """

    actors: tuple[Actor, ...] = _tuple_of(Actor)
    documents: tuple[Document, ...] = _tuple_of(Document)
    demands: tuple[Demand, ...] = _tuple_of(Demand)
    responses: tuple[Response, ...] = _tuple_of(Response)
    assessments: tuple[Assessment, ...] = _tuple_of(Assessment, default=())
    name: str = ""
    version: str = ""
    description: str = ""
    #: The file this dataset was loaded from, if any (not part of equality).
    path: str | None = attrs.field(default=None, eq=False, repr=False)
    #: Line of each record in ``path``: ``{("responses", 3): 120, ...}`` (not part of equality).
    lines: dict[tuple[str, int], int] = attrs.field(factory=dict, eq=False, repr=False, hash=False)
    _index: dict[str, dict[str, Any]] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _cells: dict[tuple[str, str], tuple[Response, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, dict[str, Any]] = {
            "actor": {a.id: a for a in self.actors},
            "document": {d.id: d for d in self.documents},
            "demand": {d.id: d for d in self.demands},
        }
        cells: dict[tuple[str, str], list[Response]] = {}
        for response in self.responses:
            cells.setdefault((response.demand, response.actor), []).append(response)
        object.__setattr__(self, "_index", index)
        # sorted() is stable: same-day responses keep their order in the file.
        object.__setattr__(
            self,
            "_cells",
            {key: tuple(sorted(rs, key=lambda r: r.date)) for key, rs in cells.items()},
        )

    def _get(self, kind: str, id: str) -> Any:
        try:
            return self._index[kind][id]
        except KeyError:
            raise UnknownIdError(kind, id, self._index[kind]) from None

    def actor(self, id: str) -> Actor:
        """The actor with this id (:class:`UnknownIdError` if there is none)."""
        return self._get("actor", id)  # type: ignore[no-any-return]

    def document(self, id: str) -> Document:
        """The document with this id (:class:`UnknownIdError` if there is none)."""
        return self._get("document", id)  # type: ignore[no-any-return]

    def demand(self, id: str) -> Demand:
        """The demand with this id (:class:`UnknownIdError` if there is none)."""
        return self._get("demand", id)  # type: ignore[no-any-return]

    @property
    def respondents(self) -> tuple[Actor, ...]:
        """The actors with at least one response, in the order of ``actors``."""
        answering = {r.actor for r in self.responses}
        return tuple(a for a in self.actors if a.id in answering)

    def assessments_of(self, demand: str) -> tuple[Assessment, ...]:
        """The assessments made of the answers to ``demand``, oldest first."""
        self.demand(demand)
        return tuple(
            sorted((a for a in self.assessments if a.demand == demand), key=lambda a: a.date)
        )

    def evidence(self, demand: str, actor: str) -> tuple[Response, ...]:
        """All responses of ``actor`` to ``demand``, oldest first (file order on the same day).

        >>> import negotiation as ng
        >>> [r.date.isoformat() for r in ng.load().evidence("missile-moratorium", "nato")][:1]
        ['2021-12-14']
        """
        self.demand(demand)
        self.actor(actor)
        return self._cells.get((demand, actor), ())

    def matrix(
        self,
        as_of: dt.date | str | None = None,
        actors: Sequence[str] | str | None = None,
        assessments: bool = True,
    ) -> StatusMatrix:
        """The demand-by-actor status matrix (see :class:`negotiation.StatusMatrix`).

        Args:
            as_of: only demands raised and responses dated on or before this day count.
            actors: actor ids for the columns (a list or ``"us,nato"``); default: every actor
                with a response.
            assessments: add a column per actor who assessed the answers (Russia's 17 Feb
                2022 reply in the bundled data).
        """
        from .matrix import StatusMatrix

        return StatusMatrix.build(self, as_of=as_of, actors=actors, assessments=assessments)

    def history(self, demand: str, actor: str) -> tuple[Step, ...]:
        """A cell's ``(date, status)`` steps, oldest first, one per change of status.

        >>> import negotiation as ng
        >>> [(s.date.isoformat(), s.status.value)
        ...  for s in ng.load().history("missile-moratorium", "nato")][0]
        ('2021-12-14', 'rejected')
        """
        from .timeline import history

        return history(self, demand, actor)

    def diff(
        self,
        earlier: dt.date | str,
        later: dt.date | str,
        actors: Sequence[str] | str | None = None,
    ) -> Diff:
        """The cells whose status differs between two days, and demands raised in between.

        >>> import negotiation as ng
        >>> d = ng.load().diff("2022-01-25", "2022-01-27")
        >>> len(d.changes) >= 5
        True
        """
        from .timeline import diff

        return diff(self, earlier, later, actors)

    def timeline(self) -> tuple[Event, ...]:
        """Every dated event (documents issued, demands raised, responses), in date order."""
        from .timeline import timeline

        return timeline(self)

    def explain(
        self, demand: str, actor: str | None = None, as_of: dt.date | str | None = None
    ) -> Explanation:
        """A demand's text, refs and evidence; prints as text, shows as HTML in a notebook.

        >>> import negotiation as ng
        >>> str(ng.load().explain("missile-moratorium", "nato")).splitlines()[0]
        'missile-moratorium: US to join the moratorium on ... shorter-range missiles'
        """
        from .explain import Explanation

        self.demand(demand)
        if actor is not None:
            self.actor(actor)
        return Explanation(self, demand, actor, as_of)

    def plot_timeline(self, actors: Sequence[str] | str | None = None, ax: Any = None) -> Any:
        """Draw the dated responses per demand with matplotlib (the ``[plot]`` extra)."""
        from .plot import plot_timeline

        return plot_timeline(self, actors=actors, ax=ax)

    def dump(self, path: str | None = None) -> str:
        """Write this dataset as YAML (to ``path`` if given) and return the text."""
        from .load import dump

        return dump(self, path)

    def select_actors(self, actors: Sequence[str] | str | None) -> tuple[Actor, ...]:
        """Resolve an actor selection (ids, or a comma-separated string) to actors."""
        if actors is None:
            return self.respondents
        ids: Iterable[str] = actors.split(",") if isinstance(actors, str) else actors
        return tuple(self.actor(i.strip()) for i in ids if i.strip())
