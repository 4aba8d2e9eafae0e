from __future__ import annotations

import datetime as dt

import attrs
import pytest

import negotiation as ng


def test_status_values_are_the_data_file_strings():
    assert [s.value for s in ng.Status] == [
        "accepted",
        "counter-proposal",
        "open",
        "not-addressed",
        "rejected",
        "pending",
    ]
    assert ng.Status("not-addressed") is ng.Status.NOT_ADDRESSED
    assert str(ng.Status.OPEN) == "open"


def test_every_status_has_a_definition():
    for status in ng.Status:
        assert status.definition and status.definition[0].islower()


def test_records_are_frozen():
    actor = ng.Actor("us", "United States")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        actor.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize("bad", ["", "US", "a b", "-x", "é"])
def test_ids_are_checked(bad):
    with pytest.raises(ValueError, match="not a valid id"):
        ng.Actor(bad, "Name")


def test_empty_text_is_refused():
    with pytest.raises(ValueError, match="name must be a non-empty string"):
        ng.Actor("us", "  ")


def test_document_kind_and_date_are_checked():
    with pytest.raises(ValueError):
        ng.Document("d", "T", dt.date(2022, 1, 1), "u", "P", kind="blog")
    with pytest.raises(TypeError, match=r"date must be a datetime\.date"):
        ng.Document("d", "T", "2022-01-01", "u", "P", kind="primary")  # type: ignore[arg-type]


def test_response_status_converts_from_string(mini):
    doc = mini.document("south-reply")
    r = ng.Response("no-walls", "south", dt.date(2020, 2, 1), "open", doc, ng.Quote("x"))
    assert r.status is ng.Status.OPEN
    with pytest.raises(ValueError):
        ng.Response("no-walls", "south", dt.date(2020, 2, 1), "maybe", doc)


def test_demand_text_is_its_quote(mini):
    demand = mini.demand("no-walls")
    assert demand.text == "No walls shall be built."
    assert str(demand.refs[0]) == "north-note art. 1"


def test_dataset_lookups_and_unknown_ids(mini):
    assert mini.actor("south").name == "South"
    with pytest.raises(ng.UnknownIdError, match="unknown actor id 'sout'; did you mean 'south'"):
        mini.actor("sout")
    with pytest.raises(LookupError):
        mini.demand("nothing-like-it")


def test_evidence_is_oldest_first(mini):
    dates = [r.date for r in mini.evidence("no-walls", "south")]
    assert dates == sorted(dates) and len(dates) == 2
    assert mini.evidence("open-roads", "east") == ()


def test_respondents_are_actors_with_responses(mini):
    assert [a.id for a in mini.respondents] == ["south", "east"]
