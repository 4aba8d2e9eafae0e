"""Archived passages of the documents, and the check that every quote stands in them.

Each document with quoted words has an archive ``sources/<document-id>.txt`` beside its data
file (for the bundled dataset: ``data/sources/``). An archive is the passages that were read,
each with the URL of the copy it was read in (see ``docs/provenance.md`` for the format).

:func:`verify` checks that every quote of a dataset (each response's, each demand's text) is
found in a passage of its document's archive *read in the copy the quote names* (``via``, or
the document itself), after folding whitespace and typographic quotes only.

>>> import negotiation as ng
>>> verify(ng.load())
()
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from .errors import DataError, Problem
from .load import BUNDLED
from .model import Dataset, Document, Quote

__all__ = [
    "Archive",
    "Gap",
    "Passage",
    "archive_dir",
    "archives",
    "describe",
    "normalise",
    "quotes",
    "read_archive",
    "source_rows",
    "verify",
]

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold runs of whitespace to one space and typographic quotes to straight ones.

    This is the only normalisation before a quote is matched: words, spelling, dashes and
    punctuation must be exactly as in the passage.

    >>> normalise("  “Russia  has\\n no right of veto.”  ")
    '"Russia has no right of veto."'
    """
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@attrs.frozen
class Passage:
    """A stretch of a document as read in one copy (``url``)."""

    url: str
    text: str
    line: int
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    locator: str | None = None
    language: str = "en"
    translation: str | None = None
    note: str | None = None

    @property
    def normalised(self) -> str:
        return normalise(self.text)


@attrs.frozen
class Gap:
    """A stretch of a document that no copy read here covers."""

    line: int
    locator: str | None = None
    note: str | None = None


@attrs.frozen
class Archive:
    """The passages (and gaps) of one document, in document order."""

    document: str
    path: str
    header: dict[str, str]
    passages: tuple[Passage, ...]
    gaps: tuple[Gap, ...]
    sha256: str

    @property
    def copies(self) -> tuple[str, ...]:
        """The URLs of the copies the passages were read in, first seen first."""
        return tuple(dict.fromkeys(p.url for p in self.passages))

    @property
    def status(self) -> str:
        """The header's account of how much of the document is covered."""
        return self.header.get("status", "")


_PASSAGE_KEYS = {"url", "title", "publisher", "date", "locator", "language", "translation", "note"}


def read_archive(path: str | os.PathLike[str], name: str | None = None) -> Archive:
    """Parse an archive file.

    Raises:
        DataError: the file breaks the format (each problem with its line).
    """
    raw = Path(path).read_bytes()
    shown = name or os.fspath(path)
    text = raw.decode("utf-8")
    header: dict[str, str] = {}
    problems: list[Problem] = []
    blocks: list[tuple[str, int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            blocks.append((line[3:].strip(), number, []))
        elif blocks:
            blocks[-1][2].append(line)
        elif line.startswith("# ") and ":" in line:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
    passages, gaps = [], []
    for kind, number, lines in blocks:
        fields: dict[str, str] = {}
        body: list[str] | None = None
        for offset, line in enumerate(lines, 1):
            if body is not None:
                body.append(line)
            elif line.strip() == "text:":
                body = []
            elif line.strip():
                key, sep, value = line.partition(":")
                if not sep or key not in _PASSAGE_KEYS:
                    problems.append(
                        Problem(
                            shown,
                            f"unknown line in a {kind} block: {line!r}; "
                            f"use one of {', '.join(sorted(_PASSAGE_KEYS))}"
                            " or text:",
                            number + offset,
                        )
                    )
                else:
                    fields[key] = value.strip()
        if kind == "gap":
            gaps.append(Gap(number, fields.get("locator"), fields.get("note")))
        elif kind == "passage":
            if "url" not in fields or not body or not "".join(body).strip():
                problems.append(
                    Problem(shown, "a passage needs a url: line and a text: block", number)
                )
                continue
            passages.append(
                Passage(
                    url=fields["url"],
                    text="\n".join(body).strip("\n"),
                    line=number,
                    title=fields.get("title"),
                    publisher=fields.get("publisher"),
                    date=fields.get("date"),
                    locator=fields.get("locator"),
                    language=fields.get("language", "en"),
                    translation=fields.get("translation"),
                    note=fields.get("note"),
                )
            )
        else:
            problems.append(
                Problem(shown, f"unknown block '## {kind}'; use '## passage' or '## gap'", number)
            )
    if problems:
        raise DataError(problems)
    return Archive(
        document=header.get("document", Path(path).stem),
        path=shown,
        header=header,
        passages=tuple(passages),
        gaps=tuple(gaps),
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def archive_dir(ds: Dataset) -> tuple[Any, str]:
    """Where ``ds``'s archives are, and how to name that folder in messages."""
    if ds.path in (None, BUNDLED):
        return resources.files("negotiation.data").joinpath("sources"), "data/sources"
    folder = Path(ds.path).parent / "sources"
    return folder, os.fspath(folder)


def archives(ds: Dataset) -> dict[str, Archive]:
    """The archive of every document of ``ds`` that has one, by document id."""
    folder, shown = archive_dir(ds)
    out = {}
    for doc in ds.documents:
        entry = folder.joinpath(f"{doc.id}.txt")
        if entry.is_file():
            with resources.as_file(entry) as real:
                out[doc.id] = read_archive(real, f"{shown}/{doc.id}.txt")
    return out


def quotes(ds: Dataset) -> Iterator[tuple[tuple[Any, ...], str, Document, Quote]]:
    """Every quote of ``ds``: (line key, description, document quoted, quote)."""
    for i, demand in enumerate(ds.demands):
        yield ("demands", i, "text"), f"demands[{i}] ({demand.id})", demand.source, demand.quote
    for i, response in enumerate(ds.responses):
        if response.quote is not None:
            yield (
                ("responses", i, "quote"),
                f"responses[{i}] ({response.demand} x {response.actor})",
                response.source,
                response.quote,
            )
    for i, assessment in enumerate(ds.assessments):
        yield (
            ("assessments", i, "quote"),
            f"assessments[{i}] ({assessment.demand})",
            assessment.source,
            assessment.quote,
        )


def _closest(quote: str, passages: list[Passage]) -> str:
    """The stretch of the passages most like ``quote``, cut around the first difference."""
    best, best_score = "", -1.0
    for passage in passages:
        text = passage.normalised
        matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
        match = matcher.find_longest_match(0, len(text), 0, len(quote))
        start = max(0, match.a - match.b)
        window = text[start : start + len(quote)]
        score = difflib.SequenceMatcher(None, window, quote).ratio()
        if score > best_score:
            best, best_score = window, score
    if len(best) <= 90:
        return best
    differs = next((i for i, (a, b) in enumerate(zip(best, quote)) if a != b), len(best))
    begin = max(0, min(differs - 40, len(best) - 90))
    shown = best[begin : begin + 90]
    return ("..." if begin else "") + shown + ("..." if begin + 90 < len(best) else "")


def verify(ds: Dataset) -> tuple[Problem, ...]:
    """Every quote of ``ds`` that is not found in its archive, as problems with lines.

    A quote marked ``paraphrase`` is not checked. Each document's ``sha256``, where recorded,
    must match its archive file.
    """
    file = ds.path or "<dataset>"
    problems: list[Problem] = []
    _, shown = archive_dir(ds)
    found = archives(ds)
    for i, doc in enumerate(ds.documents):
        archive = found.get(doc.id)
        if doc.sha256 and archive and archive.sha256 != doc.sha256:
            problems.append(
                Problem(
                    file,
                    f"documents[{i}] ({doc.id}): sha256 does not match "
                    f"{archive.path} (it is {archive.sha256}); an "
                    "archive changed: review the change, then record "
                    "the new hash",
                    ds.lines.get(("documents", i)),
                )
            )
    for key, what, source, quote in quotes(ds):
        if quote.paraphrase:
            continue
        line = ds.lines.get(key)
        archive = found.get(source.id)
        if archive is None:
            problems.append(
                Problem(
                    file,
                    f"{what}: no archive {shown}/{source.id}.txt to "
                    "check the quote against; archive the passage",
                    line,
                )
            )
            continue
        copy = quote.via.url if quote.via else source.url
        text = normalise(quote.text)
        read_there = [p for p in archive.passages if p.url == copy]
        hits = [p for p in read_there if text in p.normalised]
        if hits:
            translation = hits[0].translation
            if translation and quote.translation != translation:
                problems.append(
                    Problem(
                        file,
                        f"{what}: the passage is in the translation "
                        f"{translation!r}, but the quote records "
                        f"{quote.translation!r}; record translation: "
                        f"{translation}",
                        line,
                    )
                )
            continue
        elsewhere = [p for p in archive.passages if text in p.normalised]
        if elsewhere:
            problems.append(
                Problem(
                    file,
                    f"{what}: quote found in {archive.path}, but read in "
                    f"{elsewhere[0].url}, not in {copy}; set via to "
                    "the copy it was read in",
                    line,
                )
            )
            continue
        closest = _closest(text, read_there or list(archive.passages))
        problems.append(
            Problem(
                file,
                f'{what}: quote not found in {archive.path} (closest passage: "{closest}")',
                line,
            )
        )
    return tuple(problems)


def describe(ds: Dataset, document: str) -> str:
    """One document in full: its record, its archive's coverage, copies, passages and gaps."""
    doc = ds.document(document)
    archive = archives(ds).get(doc.id)
    lines = [
        f"{doc.id}: {doc.title}",
        f"  {doc.kind}; {doc.publisher}; {doc.date.isoformat() if doc.date else 'undated'}",
        f"  url: {doc.url}",
    ]
    if doc.note:
        lines.append(f"  note: {doc.note}")
    if archive is None:
        lines.append("  no archive of passages")
        return "\n".join(lines)
    lines += [
        f"  archive: {archive.path} (sha256 {archive.sha256})",
        f"  retrieved: {archive.header.get('retrieved', 'unknown')}",
        f"  coverage: {archive.status}",
        "  read in:",
    ]
    lines += [f"    {url}" for url in archive.copies]
    blocks = sorted(
        [(p.line, "passage", p.locator or "", p.url) for p in archive.passages]
        + [(g.line, "gap", g.locator or "", "") for g in archive.gaps]
    )
    lines.append("  contents, in document order:")
    for line, kind, locator, url in blocks:
        where = f" <{url}>" if url else ""
        lines.append(f"    line {line}: {kind}: {locator}{where}")
    return "\n".join(lines)


def source_rows(ds: Dataset) -> tuple[list[str], list[list[str]]]:
    """A table of every document: id, kind, date, title, publisher, URL and its archive."""
    found = archives(ds)
    headers = [
        "id",
        "kind",
        "date",
        "title",
        "publisher",
        "url",
        "passages",
        "copies",
        "sha256",
        "coverage",
    ]
    rows = []
    for doc in ds.documents:
        archive = found.get(doc.id)
        rows.append(
            [
                doc.id,
                doc.kind,
                doc.date.isoformat() if doc.date else "",
                doc.title,
                doc.publisher,
                doc.url,
                str(len(archive.passages)) if archive else "",
                str(len(archive.copies)) if archive else "",
                archive.sha256[:12] if archive else "",
                archive.status if archive else "",
            ]
        )
    return headers, rows
