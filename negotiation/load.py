"""Reading and writing data files: YAML in, :class:`~negotiation.Dataset` out, and back.

Loading is safe (no YAML tag can construct a Python object: the file is composed into nodes and
converted here, field by field) and reports every problem of a file at once, each with its line
and column, before any record is built.

>>> import negotiation as ng
>>> ds = ng.load()                       # the bundled dataset
>>> ds == ng.loads(ds.dump())            # dump() writes YAML that loads back equal
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Union

import attrs
import yaml

from .errors import DataError, Problem
from .model import (
    DOCUMENT_KINDS,
    ID_PATTERN,
    ID_RULE,
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

__all__ = ["BUNDLED", "build", "dump", "load", "loads", "parse", "read_records", "read_text"]

#: How the bundled dataset is named in messages.
BUNDLED = "data/demands.yaml"
#: The largest data file read (bytes): a bound on time and memory for any input.
MAX_BYTES = 256 * 1024 * 1024

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The tag given to an alias (``*name``) in place of the node it points to: data files may not
#: hold aliases, and a placeholder keeps an alias bomb from growing.
_ALIAS = "!negotiation/alias"


class _StreamLoader(_Loader, yaml.composer.Composer):  # type: ignore[misc]
    """libyaml's parser, composed one node at a time: a list item is read, converted and let go,
    so memory holds one item's nodes, not the whole file's."""

    def __init__(self, text: str) -> None:
        _Loader.__init__(self, text)
        self.anchors: dict[str, yaml.Node] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            return yaml.ScalarNode(_ALIAS, f"*{event.anchor}", event.start_mark, event.end_mark)
        return yaml.composer.Composer.compose_node(self, parent, index)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every value out: data files may not hold aliases, so dump() writes none."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP}

PathLike = Union[str, "os.PathLike[str]"]


# --------------------------------------------------------------------------- schema


@attrs.frozen
class _Field:
    """One key of a record: what it holds and whether it must be there."""

    name: str
    kind: str  # id | text | date | bool | status | kind | verdict | sha256 | article | refs
    required: bool = True


def _fields(*specs: str) -> dict[str, _Field]:
    """``"name:kind"`` required, ``"name:kind?"`` optional."""
    out = {}
    for spec in specs:
        name, kind = spec.split(":")
        out[name] = _Field(name, kind.rstrip("?"), not kind.endswith("?"))
    return out


_QUOTE_FIELDS = (
    "via:id?",
    "locator:text?",
    "language:text?",
    "translation:text?",
    "paraphrase:bool?",
)

SCHEMA: dict[str, dict[str, _Field]] = {
    "dataset": _fields("name:text?", "version:text?", "description:text?"),
    "actors": _fields("id:id", "name:text"),
    "documents": _fields(
        "id:id",
        "title:text",
        "date:date?",
        "url:text",
        "publisher:text",
        "kind:kind",
        "issuer:id?",
        "retrieved:date?",
        "sha256:sha256?",
        "note:text?",
    ),
    "demands": _fields(
        "id:id",
        "title:text",
        "summary:text",
        "category:text",
        "raised:date",
        "by:id?",
        "source:id",
        "text:text",
        *_QUOTE_FIELDS,
        "refs:refs",
        "note:text?",
    ),
    "refs": _fields("document:id", "article:article?"),
    "responses": _fields(
        "demand:id",
        "actor:id",
        "date:date",
        "status:status",
        "source:id",
        "quote:text?",
        *_QUOTE_FIELDS,
        "conditions:text?",
        "note:text?",
    ),
    "assessments": _fields(
        "demand:id",
        "actor:id",
        "of:id",
        "date:date",
        "verdict:verdict",
        "source:id",
        "quote:text",
        *_QUOTE_FIELDS,
        "note:text?",
    ),
}
_SECTIONS = ("dataset", "actors", "documents", "demands", "responses", "assessments")
_LISTS = _SECTIONS[1:]
_OPTIONAL_LISTS = ("assessments",)


@attrs.define
class Value:
    """A converted scalar and where it stood."""

    value: Any
    line: int
    column: int


#: A record as read from the file: field name -> value with its place, plus "" -> the record's
#: own place (its first line).
Record = dict[str, Value]


@attrs.define
class Records:
    """Everything a file holds, converted field by field but not yet cross-checked."""

    file: str
    meta: Record
    sections: dict[str, list[Record]]
    refs: dict[int, list[Record]]  # demand index -> its refs
    problems: list[Problem]


# --------------------------------------------------------------------------- reading


def _read_bytes(path: PathLike | None) -> tuple[str, bytes]:
    if path is None:
        return BUNDLED, resources.files("negotiation.data").joinpath("demands.yaml").read_bytes()
    name = os.fspath(path)
    p = Path(name)
    if p.is_dir():
        raise DataError([Problem(name, "is a directory; give the path of a YAML data file")])
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise DataError(
                [
                    Problem(
                        name,
                        f"is {size} bytes, more than the {MAX_BYTES} a data "
                        "file may have; split it or check it is the right "
                        "file",
                    )
                ]
            )
        return name, p.read_bytes()
    except FileNotFoundError:
        raise DataError(
            [Problem(name, f"no such file; check the path (it is read relative to {os.getcwd()})")]
        ) from None
    except OSError as e:
        raise DataError([Problem(name, f"cannot be read: {e.strerror or e}")]) from None


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise DataError(
            [
                Problem(
                    name,
                    f"byte 0x{data[e.start]:02x} is not UTF-8; save the file as UTF-8",
                    line,
                    column,
                )
            ]
        ) from None


@contextlib.contextmanager
def _yaml_errors(name: str) -> Iterator[None]:
    """YAML's own errors as one located DataError."""
    try:
        yield
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = e.problem or e.context or "cannot be parsed"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise DataError(
            [Problem(name, f"YAML syntax error: {what}; fix the YAML at this place", line, column)]
        ) from None
    except yaml.YAMLError as e:
        raise DataError([Problem(name, f"YAML error: {e}")]) from None
    except RecursionError:
        raise DataError([Problem(name, "YAML nested too deeply to be a data file")]) from None


class _Reader:
    """Converts composed YAML nodes to :class:`Records`, collecting every problem."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, message, mark.line + 1, mark.column + 1))

    def visit(self, node: yaml.Node, path: str) -> bool:
        """False (with a problem) for an alias or a node with a foreign tag."""
        if node.tag == _ALIAS:
            self.problem(
                node,
                f"{path}: YAML aliases (*name) are not supported in data "
                "files; write the value out in full",
            )
            return False
        if node.tag not in _PLAIN_TAGS:
            self.problem(
                node,
                f"{path}: tag {node.tag!r} is not allowed; data files hold "
                "plain text, dates, lists and mappings only, remove the tag",
            )
            return False
        return True

    def mapping(self, node: yaml.Node, path: str) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """The (key, key node, value node) pairs of a mapping node; problems for the rest."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node, f"{path}: expected a mapping (key: value lines), got {_describe(node)}"
            )
            return
        keys: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, keys, path)
            if key is not None:
                yield key, key_node, value_node

    def key(self, key_node: yaml.Node, seen: dict[str, yaml.Node], path: str) -> str | None:
        """A mapping key's text (added to ``seen``); None, with a problem, for a key that is
        not a plain word or that ``seen`` holds already."""
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            self.problem(key_node, f"{path}: keys must be plain words, got {_describe(key_node)}")
            return None
        key = str(key_node.value)
        if key in seen:
            first = seen[key].start_mark.line + 1
            self.problem(
                key_node, f"{path}: key {key!r} appears twice (first on line {first}); keep one"
            )
            return None
        seen[key] = key_node
        return key

    def unknown_key(self, key_node: yaml.Node, path: str, known: Iterable[str]) -> None:
        """A problem for a key that is not in ``known``, suggesting the closest."""
        known = list(known)
        key = str(key_node.value)
        hint = _close_matches(key, known, n=1)
        suggestion = f"did you mean {hint[0]!r}?" if hint else f"known keys: {', '.join(known)}"
        self.problem(key_node, f"{path}: unknown key {key!r}; {suggestion}")

    def record(self, node: yaml.Node, path: str, schema: dict[str, _Field]) -> Record:
        record: Record = {"": Value(None, node.start_mark.line + 1, node.start_mark.column + 1)}
        if not self.visit(node, path):
            return record
        for key, key_node, value_node in self.mapping(node, path):
            spec = schema.get(key)
            if spec is None:
                self.unknown_key(key_node, path, schema)
                continue
            # An invalid value is kept as INVALID: present (no "missing key" problem too),
            # but skipped by the cross-record checks.
            value = self.scalar(value_node, f"{path}.{key}", spec)
            record[key] = Value(
                value, value_node.start_mark.line + 1, value_node.start_mark.column + 1
            )
        if isinstance(node, yaml.MappingNode):
            for spec in schema.values():
                if spec.required and spec.name not in record:
                    self.problem(
                        node, f"{path}: missing required key {spec.name!r} ({_EXPECTED[spec.kind]})"
                    )
        return record

    def scalar(self, node: yaml.Node, path: str, spec: _Field) -> Any:
        if spec.kind == "refs":
            return node  # read by the caller, which knows the demand's index
        if not self.visit(node, path):
            return INVALID
        expected = _EXPECTED[spec.kind]
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{path}: expected {expected}, got {_describe(node)}")
            return INVALID
        if node.tag == _NULL and not spec.required:
            return None
        try:
            return _CONVERT[spec.kind](node)
        except _Invalid as e:
            self.problem(node, f"{path}: {e}")
            return INVALID


def _close_matches(word: str, candidates: Any, n: int = 1) -> list[str]:
    import difflib  # only when there is a problem to explain

    return difflib.get_close_matches(word, list(candidates), n=n)


class _Invalid(Exception):
    pass


#: The value of a field that could not be converted (its problem is already reported).
INVALID: Any = type("Invalid", (), {"__repr__": lambda self: "INVALID"})()

_EXPECTED = {
    "id": f"an id: {ID_RULE}",
    "text": "text",
    "date": "a date as YYYY-MM-DD",
    "bool": "true or false",
    "status": "one of " + ", ".join(s.value for s in Status if s is not Status.PENDING),
    "kind": "one of " + ", ".join(DOCUMENT_KINDS),
    "article": "an article number or name, as text",
    "refs": "a list of {document, article} mappings",
    "verdict": "one of " + ", ".join(v.value for v in Verdict),
    "sha256": "64 lower-case hexadecimal digits (the file's sha256)",
}


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = {
        _INT: "a number",
        _FLOAT: "a number",
        _BOOL: "true/false",
        _NULL: "nothing",
        _TIMESTAMP: "a date",
    }.get(node.tag, "text")
    return f"{kind} ({node.value!r})" if node.value != "" else kind


def _text(node: yaml.ScalarNode) -> str:
    if node.tag != _STR:
        raise _Invalid(f"expected text, got {_describe(node)}; put it in quotes")
    if not node.value.strip():
        raise _Invalid("must not be empty")
    return str(node.value)


def _id(node: yaml.ScalarNode) -> str:
    value = node.value if node.tag in (_STR, _INT) else None
    if value is None or not ID_PATTERN.match(value):
        raise _Invalid(f"expected {_EXPECTED['id']}, got {_describe(node)}")
    return str(value)


def _date(node: yaml.ScalarNode) -> dt.date:
    if node.tag not in (_STR, _TIMESTAMP):
        raise _Invalid(f"expected {_EXPECTED['date']}, got {_describe(node)}")
    try:
        value = dt.date.fromisoformat(node.value)
    except ValueError:
        raise _Invalid(
            f"{node.value!r} is not a valid date; write it as YYYY-MM-DD (e.g. 2021-12-17)"
        ) from None
    return value


def _bool(node: yaml.ScalarNode) -> bool:
    if node.tag != _BOOL:
        raise _Invalid(f"expected true or false, got {_describe(node)}")
    return node.value.lower() in ("true", "yes", "on", "y")


def _choice(valid: tuple[str, ...]) -> Callable[[yaml.ScalarNode], str]:
    def convert(node: yaml.ScalarNode) -> str:
        if node.value not in valid:
            hint = _close_matches(str(node.value), valid, n=1)
            maybe = f"did you mean {hint[0]!r}? " if hint else ""
            raise _Invalid(f"{node.value!r} is not valid; {maybe}use one of {', '.join(valid)}")
        return str(node.value)

    return convert


def _sha256(node: yaml.ScalarNode) -> str:
    value = str(node.value)
    if node.tag != _STR or len(value) != 64 or value.strip("0123456789abcdef"):
        raise _Invalid(f"expected {_EXPECTED['sha256']}, got {_describe(node)}")
    return value


def _article(node: yaml.ScalarNode) -> str:
    if node.tag not in (_STR, _INT) or not node.value.strip():
        raise _Invalid(f"expected {_EXPECTED['article']}, got {_describe(node)}")
    return str(node.value)


_RESPONSE_STATUSES = tuple(s.value for s in Status if s is not Status.PENDING)
_CONVERT: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "id": _id,
    "text": _text,
    "date": _date,
    "bool": _bool,
    "status": _choice(_RESPONSE_STATUSES),
    "kind": _choice(DOCUMENT_KINDS),
    "article": _article,
    "verdict": _choice(tuple(v.value for v in Verdict)),
    "sha256": _sha256,
}


def read_records(text: str, name: str = "<string>") -> Records:
    """Parse YAML text into :class:`Records` (no cross-checks); raise if it cannot be read."""
    loader = _StreamLoader(text)
    try:
        with _yaml_errors(name):
            return _read_stream(loader, _Reader(name))
    finally:
        loader.dispose()


def _skip(loader: _StreamLoader) -> None:
    """Read the next node and let it go."""
    loader.compose_node(None, None)
    loader.anchors = {}


def _read_stream(loader: _StreamLoader, reader: _Reader) -> Records:
    name = reader.name
    loader.get_event()  # StreamStart
    if loader.check_event(yaml.StreamEndEvent):
        raise DataError(
            [
                Problem(
                    name,
                    "the file is empty; a data file is a mapping with the "
                    "keys " + ", ".join(_SECTIONS),
                    1,
                    1,
                )
            ]
        )
    loader.get_event()  # DocumentStart
    meta: Record = {}
    sections: dict[str, list[Record]] = {key: [] for key in _LISTS}
    refs: dict[int, list[Record]] = {}
    if not loader.check_event(yaml.MappingStartEvent) or loader.peek_event().tag not in (
        None,
        _MAP,
    ):
        root = loader.compose_node(None, None)
        if reader.visit(root, "top level"):
            for _ in reader.mapping(root, "top level"):
                pass  # reports the wrong shape
        return Records(name, meta, sections, refs, reader.problems)
    start = loader.get_event()
    root_mark = start.start_mark
    found: dict[str, yaml.Node] = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_node = loader.compose_node(None, None)
        key = reader.key(key_node, found, "top level")
        if key is None:
            _skip(loader)
            continue
        if key not in _SECTIONS:
            reader.unknown_key(key_node, "top level", _SECTIONS)
            _skip(loader)
        elif key in _LISTS and loader.check_event(yaml.SequenceStartEvent):
            if loader.peek_event().tag not in (None, _SEQ):
                reader.problem(
                    key_node,
                    f"{key}: tag {loader.peek_event().tag!r} is not allowed; remove the tag",
                )
                _skip(loader)
                continue
            loader.get_event()
            index = 0
            while not loader.check_event(yaml.SequenceEndEvent):
                item = loader.compose_node(None, None)
                loader.anchors = {}  # an item's nodes go once it is read
                _read_item(reader, key, index, item, sections, refs)
                index += 1
            loader.get_event()
        else:
            node = loader.compose_node(None, None)
            loader.anchors = {}
            if key == "dataset":
                meta = reader.record(node, "dataset", SCHEMA["dataset"])
            elif reader.visit(node, key) and not (
                isinstance(node, yaml.ScalarNode) and node.tag == _NULL
            ):  # "responses:" with nothing under it is an empty list
                reader.problem(node, f"{key}: expected a list ('- ' items), got {_describe(node)}")
    loader.get_event()  # MappingEnd
    loader.get_event()  # DocumentEnd
    if not loader.check_event(yaml.StreamEndEvent):
        mark = loader.peek_event().start_mark
        reader.problems.append(
            Problem(
                name,
                "YAML syntax error: expected a single document in the stream, but found "
                "another; keep one document (no '---' lines)",
                mark.line + 1,
                mark.column + 1,
            )
        )
    if not reader.problems:
        for key in _LISTS:
            if key not in found and key not in _OPTIONAL_LISTS:
                reader.problems.append(
                    Problem(
                        name,
                        f"top level: missing key {key!r} (a list of {key})",
                        root_mark.line + 1,
                        root_mark.column + 1,
                    )
                )
    return Records(name, meta, sections, refs, reader.problems)


def _read_item(
    reader: _Reader,
    key: str,
    index: int,
    item: yaml.Node,
    sections: dict[str, list[Record]],
    refs: dict[int, list[Record]],
) -> None:
    record = reader.record(item, f"{key}[{index}]", SCHEMA[key])
    sections[key].append(record)
    if key == "demands" and "refs" in record:
        node = record.pop("refs").value
        if node is not INVALID:
            refs[index] = _read_refs(reader, node, f"{key}[{index}].refs")


def _read_refs(reader: _Reader, node: yaml.Node, path: str) -> list[Record]:
    if not reader.visit(node, path):
        return []
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        reader.problem(
            node, f"{path}: expected {_EXPECTED['refs']} (at least one), got {_describe(node)}"
        )
        return []
    return [
        reader.record(item, f"{path}[{j}]", SCHEMA["refs"]) for j, item in enumerate(node.value)
    ]


# --------------------------------------------------------------------------- building


def _get(record: Record, key: str, default: Any = None) -> Any:
    value = record.get(key)
    return default if value is None else value.value


def _quote(record: Record, text_key: str, documents: dict[str, Document]) -> Quote | None:
    text = _get(record, text_key)
    if text is None:
        return None
    via = _get(record, "via")
    return Quote(
        text=text,
        via=documents[via] if via else None,
        locator=_get(record, "locator"),
        language=_get(record, "language", "en"),
        translation=_get(record, "translation"),
        paraphrase=_get(record, "paraphrase", False),
    )


def _build(records: Records) -> Dataset:
    sections = records.sections
    lines: dict[tuple[Any, ...], int] = {}
    for key, items in sections.items():
        for i, record in enumerate(items):
            lines[(key, i)] = record[""].line
            for field in ("quote", "text"):
                if field in record:
                    lines[(key, i, field)] = record[field].line
    actors = [Actor(_get(r, "id"), _get(r, "name")) for r in sections["actors"]]
    documents = [
        Document(**{"date": None, **{k: v.value for k, v in r.items() if k}})
        for r in sections["documents"]
    ]
    by_id = {d.id: d for d in documents}
    demands = []
    for i, r in enumerate(sections["demands"]):
        quote = _quote(r, "text", by_id)
        assert quote is not None  # "text" is required
        demands.append(
            Demand(
                id=_get(r, "id"),
                title=_get(r, "title"),
                summary=_get(r, "summary"),
                category=_get(r, "category"),
                raised=_get(r, "raised"),
                source=by_id[_get(r, "source")],
                quote=quote,
                refs=tuple(
                    Ref(by_id[_get(ref, "document")], _get(ref, "article"))
                    for ref in records.refs.get(i, [])
                ),
                by=_get(r, "by"),
                note=_get(r, "note"),
            )
        )
    responses = [
        Response(
            demand=_get(r, "demand"),
            actor=_get(r, "actor"),
            date=_get(r, "date"),
            status=Status(_get(r, "status")),
            source=by_id[_get(r, "source")],
            quote=_quote(r, "quote", by_id),
            conditions=_get(r, "conditions"),
            note=_get(r, "note"),
        )
        for r in sections["responses"]
    ]
    assessments = []
    for r in sections["assessments"]:
        quote = _quote(r, "quote", by_id)
        assert quote is not None  # "quote" is required
        assessments.append(
            Assessment(
                demand=_get(r, "demand"),
                actor=_get(r, "actor"),
                of=_get(r, "of"),
                date=_get(r, "date"),
                verdict=Verdict(_get(r, "verdict")),
                source=by_id[_get(r, "source")],
                quote=quote,
                note=_get(r, "note"),
            )
        )
    return Dataset(
        actors=tuple(actors),
        documents=tuple(documents),
        demands=tuple(demands),
        responses=tuple(responses),
        assessments=tuple(assessments),
        name=_get(records.meta, "name", ""),
        version=_get(records.meta, "version", ""),
        description=_get(records.meta, "description", ""),
        path=records.file,
        lines=lines,
    )


def loads(text: str, name: str = "<string>") -> Dataset:
    """Load a dataset from YAML text; ``name`` is used in messages.

    Raises:
        DataError: listing every problem, each ``NAME:LINE:COL: what is wrong``.
    """
    dataset, problems = parse(text, name)
    if dataset is None:
        raise DataError(problems)
    return dataset


def parse(text: str, name: str = "<string>") -> tuple[Dataset | None, list[Problem]]:
    """Read and check YAML text: the dataset, or ``(None, problems)``; raises only for text
    that cannot be read as YAML at all (:class:`DataError`)."""
    # Loading makes many acyclic objects: the cyclic garbage collector would walk them again
    # and again as they grow (two thirds of the time at 100k responses) and free nothing.
    # Reference counting still frees everything.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return build(read_records(text, name))
    finally:
        if collecting:
            gc.enable()


def build(records: Records) -> tuple[Dataset | None, list[Problem]]:
    """Cross-check ``records`` and build the dataset; ``(None, problems)`` if any are found."""
    from .validate import check_records

    problems = records.problems + check_records(records)
    if problems:
        return None, sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    try:
        return _build(records), []
    except (TypeError, ValueError) as e:  # a model rule the checks above did not foresee
        return None, [Problem(records.file, f"invalid record: {e}")]


def load(path: PathLike | None = None) -> Dataset:
    """Load a dataset: the bundled one, or any YAML file in the same schema.

    Args:
        path: a data file; None for the bundled dataset (``data/demands.yaml``).

    Returns:
        The :class:`~negotiation.Dataset`.

    Raises:
        DataError: the file is missing, unreadable, or breaks the schema; ``.problems`` lists
            every problem with its line.

    >>> import negotiation as ng
    >>> ng.load().actor("nato").name
    'NATO'
    """
    return loads(*read_text(path))


def read_text(path: PathLike | None = None) -> tuple[str, str]:
    """A data file's text and the name it goes by in messages (the bundled one for None)."""
    name, data = _read_bytes(path)
    return _decode(name, data), name


# --------------------------------------------------------------------------- writing


def _quote_fields(quote: Quote | None, text_key: str) -> dict[str, Any]:
    if quote is None:
        return {}
    out: dict[str, Any] = {text_key: quote.text}
    if quote.via is not None:
        out["via"] = quote.via.id
    out.update(locator=quote.locator, translation=quote.translation)
    if quote.language != "en":
        out["language"] = quote.language
    if quote.paraphrase:
        out["paraphrase"] = True
    return out


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def to_plain(ds: Dataset) -> dict[str, Any]:
    """The dataset as plain lists and dicts, in the file's key order."""
    meta = _drop_none(
        {
            "name": ds.name or None,
            "version": ds.version or None,
            "description": ds.description or None,
        }
    )
    out: dict[str, Any] = {"dataset": meta} if meta else {}
    out["actors"] = [{"id": a.id, "name": a.name} for a in ds.actors]
    out["documents"] = [_drop_none(attrs.asdict(d)) for d in ds.documents]
    out["demands"] = [
        _drop_none(
            {
                "id": d.id,
                "title": d.title,
                "summary": d.summary,
                "category": d.category,
                "raised": d.raised,
                "by": d.by,
                "source": d.source.id,
                **_quote_fields(d.quote, "text"),
                "refs": [
                    _drop_none({"document": r.document.id, "article": r.article}) for r in d.refs
                ],
                "note": d.note,
            }
        )
        for d in ds.demands
    ]
    out["responses"] = [
        _drop_none(
            {
                "demand": r.demand,
                "actor": r.actor,
                "date": r.date,
                "status": r.status.value,
                "source": r.source.id,
                **_quote_fields(r.quote, "quote"),
                "conditions": r.conditions,
                "note": r.note,
            }
        )
        for r in ds.responses
    ]
    if ds.assessments:
        out["assessments"] = [
            _drop_none(
                {
                    "demand": a.demand,
                    "actor": a.actor,
                    "of": a.of,
                    "date": a.date,
                    "verdict": a.verdict.value,
                    "source": a.source.id,
                    **_quote_fields(a.quote, "quote"),
                    "note": a.note,
                }
            )
            for a in ds.assessments
        ]
    return out


def dump(ds: Dataset, path: PathLike | None = None) -> str:
    """Write ``ds`` as YAML, keeping key order and unicode; return the text.

    With ``path``, the text is written to a temporary file beside it and renamed into place, so
    an existing file is never left half-written.
    """
    text: str = yaml.dump(
        to_plain(ds),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    if path is not None:
        write_atomic(path, text)
    return text


def write_atomic(path: PathLike, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    target = Path(os.fspath(path))
    try:
        mode = target.stat().st_mode & 0o777  # keep an existing file's permissions
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # only when writing: it is slow to import

    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
