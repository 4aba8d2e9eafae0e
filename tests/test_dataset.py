"""Invariants of the bundled dataset: what researchers cite must stay true under every edit."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import negotiation as ng
from negotiation.sources import archives, verify

PRIMARY = {
    "ru-mfa-2021-12-10",
    "ru-draft-us-treaty-2021-12-17",
    "ru-draft-nato-agreement-2021-12-17",
    "us-response-2022-01-26",
    "nato-response-2022-01-26",
    "ru-reply-2022-02-17",
}
NAMED_DEMANDS = {
    "nato-non-enlargement",
    "bucharest-formula",
    "missile-moratorium",
    "exercise-distance",
}


def test_validates_and_every_quote_is_in_its_archive(bundled):
    assert ng.validate() == ()
    assert verify(bundled) == ()


def test_fixed_ids_are_there(bundled):
    assert {a.id for a in bundled.actors} >= {"us", "nato", "russia"}
    assert {d.id for d in bundled.documents} >= PRIMARY
    assert {d.id for d in bundled.demands} >= NAMED_DEMANDS


def test_ids_are_unique(bundled):
    for records in (bundled.actors, bundled.documents, bundled.demands):
        counts = Counter(r.id for r in records)
        assert [i for i, n in counts.items() if n > 1] == []


def test_coverage_of_the_documents(bundled):
    assert len(bundled.demands) >= 20
    made_in = {(r.document.id, r.article) for d in bundled.demands for r in d.refs}
    for draft in ("ru-draft-us-treaty-2021-12-17", "ru-draft-nato-agreement-2021-12-17"):
        articles = {a for doc, a in made_in if doc == draft}
        assert {str(n) for n in range(1, 8)} <= articles, draft
    documents = {doc for doc, _ in made_in}
    assert {"ru-mfa-2021-12-10", "ru-reply-2022-02-17"} <= documents


def test_every_us_and_nato_cell_is_settled(bundled):
    m = bundled.matrix(actors="us,nato")
    unsettled = [(c.demand.id, c.actor.id) for c in m.cells() if c.status is ng.Status.PENDING]
    assert unsettled == []


def test_every_response_carries_its_evidence(bundled):
    for r in bundled.responses:
        assert r.date and r.source.title and r.source.url
        if r.status is ng.Status.NOT_ADDRESSED:
            assert r.note, f"{r.demand} x {r.actor}: say which document was silent and how"
            assert r.source.kind == "primary" or r.source.kind == "statement"
        else:
            assert r.quote is not None and r.quote.text.strip()
            assert r.quote.paraphrase or re.search(r"\w", r.quote.text)


def test_paraphrases_are_marked_and_say_so(bundled):
    for r in bundled.responses:
        if r.quote is not None and r.quote.paraphrase:
            assert r.note and "paraphrase" in r.note.lower()


def test_translated_quotes_name_their_translation(bundled):
    for d in bundled.demands:
        if d.source.issuer == "russia":
            assert d.quote.translation, f"{d.id}: whose English is this?"
    for a in bundled.assessments:
        assert a.quote.translation, f"assessment of {a.demand}: whose English is this?"


def test_quotes_read_in_a_copy_name_it(bundled):
    read_at = {p.url for archive in archives(bundled).values() for p in archive.passages}
    for r in bundled.responses:
        if r.quote is not None and not r.quote.paraphrase:
            url = r.quote.via.url if r.quote.via else r.source.url
            assert url in read_at


def test_primary_documents_have_hashed_archives(bundled):
    found = archives(bundled)
    for doc in bundled.documents:
        if doc.id in found:
            assert doc.sha256 == found[doc.id].sha256 and doc.retrieved is not None
    assert set(found) >= PRIMARY
    for doc_id in PRIMARY:
        assert found[doc_id].status.startswith("partial")


def test_responses_follow_their_demand(bundled):
    for r in bundled.responses:
        assert r.date >= bundled.demand(r.demand).raised


def test_russian_assessments_judge_us_answers(bundled):
    assert bundled.assessments
    for a in bundled.assessments:
        assert a.actor == "russia" and a.of == "us" and str(a.date) == "2022-02-17"


@pytest.mark.parametrize(
    "demand,actor,status",
    [
        ("nato-non-enlargement", "us", ng.Status.REJECTED),
        ("nato-non-enlargement", "nato", ng.Status.REJECTED),
    ],
)
def test_the_headline_cells(bundled, demand, actor, status):
    assert bundled.matrix().status(demand, actor) is status


def test_time_invariants_of_the_exchange(bundled):
    early, late = bundled.matrix(as_of="2021-12-16"), bundled.matrix(as_of="2022-02-28")
    assert len(early.demands) < len(late.demands)
    moved = bundled.diff("2022-01-25", "2022-01-27", actors="us,nato").changes
    assert len(moved) >= 5
    multi = [
        (d.id, a)
        for d in bundled.demands
        for a in ("us", "nato")
        if len({s.status for s in bundled.history(d.id, a)}) >= 2
    ]
    assert len(multi) >= 3


def test_round_trip_of_the_bundled_data(bundled):
    assert ng.loads(bundled.dump()) == bundled


def test_a_demand_is_raised_by_its_earliest_document(bundled):
    for d in bundled.demands:
        assert d.raised == min(r.document.date for r in d.refs), d.id
        assert d.source in {r.document for r in d.refs}


def test_statement_archives_keep_only_what_the_dataset_uses(bundled):
    """Officials' words only, and only the passages quoted (or, where a statement is only a
    ref or a silent source, the passage that shows it)."""
    from negotiation.sources import normalise, quotes

    quoted: dict[str, list[str]] = {}
    for _, _, doc, quote in quotes(bundled):
        quoted.setdefault(doc.id, []).append(normalise(quote.text))
    for doc_id, archive in archives(bundled).items():
        if bundled.document(doc_id).kind != "statement":
            continue
        if doc_id in quoted:
            for passage in archive.passages:
                assert any(q in passage.normalised for q in quoted[doc_id]), (
                    f"{archive.path}:{passage.line}: passage not quoted by the dataset"
                )
        else:
            assert len(archive.passages) <= 1, archive.path


def test_published_ids_stay(bundled):
    from pathlib import Path

    listed = Path(__file__).parent / "data" / "published-ids.txt"
    lookup = {"actor": bundled.actor, "demand": bundled.demand, "document": bundled.document}
    for line in listed.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, id_ = line.split()
            lookup[kind](id_)  # raises UnknownIdError if an id was renamed or removed
