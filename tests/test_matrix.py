from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import negotiation as ng
from negotiation.matrix import parse_date


def test_every_demand_times_every_responding_actor(mini):
    m = mini.matrix()
    assert [d.id for d in m.demands] == ["no-walls", "open-roads"]
    assert [a.id for a in m.actors] == ["south", "east"]
    assert len(list(m.cells())) == 4


def test_cell_rule_latest_response_decides(mini):
    m = mini.matrix()
    assert m.status("no-walls", "south") is ng.Status.COUNTER_PROPOSAL
    assert m.cell("no-walls", "south").response.date == dt.date(2020, 2, 1)


def test_cell_without_response_is_pending(mini):
    m = mini.matrix()
    assert m.status("open-roads", "east") is ng.Status.PENDING
    assert m.cell("open-roads", "east").response is None


def test_same_day_responses_the_later_in_the_file_decides(mini):
    first, second = mini.responses[0], mini.responses[3]
    same_day = [
        ng.Response("no-walls", "east", first.date, "rejected", first.source, first.quote),
        ng.Response("no-walls", "east", first.date, "open", second.source, second.quote),
    ]
    ds = ng.Dataset(mini.actors, mini.documents, mini.demands, same_day)
    assert ds.matrix().status("no-walls", "east") is ng.Status.OPEN
    ds = ng.Dataset(mini.actors, mini.documents, mini.demands, same_day[::-1])
    assert ds.matrix().status("no-walls", "east") is ng.Status.REJECTED


def test_as_of_counts_only_what_was_known(mini):
    early = mini.matrix(as_of="2020-01-05")
    assert [d.id for d in early.demands] == ["no-walls"]
    assert early.status("no-walls", "south") is ng.Status.PENDING
    mid = mini.matrix(as_of=dt.date(2020, 1, 20))
    assert mid.status("no-walls", "south") is ng.Status.REJECTED
    assert mid.as_of == dt.date(2020, 1, 20)


def test_actor_selection(mini):
    m = mini.matrix(actors="east")
    assert [a.id for a in m.actors] == ["east"]
    assert mini.matrix(actors=["east", "south"]).headers()[2:] == ["East", "South"]
    with pytest.raises(ng.UnknownIdError, match="unknown actor id 'west'"):
        mini.matrix(actors="west")
    with pytest.raises(ng.UsageError, match="no actors selected"):
        mini.matrix(actors=" , ")


def test_unknown_ids_in_lookups(mini):
    m = mini.matrix()
    with pytest.raises(ng.UnknownIdError, match="unknown demand id 'no-wall'"):
        m.status("no-wall", "south")
    with pytest.raises(ng.UsageError, match="not in this matrix"):
        m.status("no-walls", "north")


@pytest.mark.parametrize("bad", ["2020-02-30", "soon", "", 20200101])
def test_bad_as_of(mini, bad):
    with pytest.raises(ng.UsageError, match=r"as_of: .* is not a date; write it as YYYY-MM-DD"):
        mini.matrix(as_of=bad)


def test_parse_date_accepts_datetimes():
    assert parse_date(dt.datetime(2022, 1, 26, 13, 5)) == dt.date(2022, 1, 26)


def test_records_are_tidy(mini):
    records = mini.matrix().records()
    assert len(records) == 4
    first = records[0]
    assert (first["demand"], first["actor"], first["status"]) == (
        "no-walls",
        "south",
        "counter-proposal",
    )
    assert first["quote"] == "We offer low walls." and first["source"] == "south-reply"
    assert first["url"] == "https://example.org/south-reply"
    pending = records[3]
    assert pending["status"] == "pending" and pending["quote"] is None


def test_tables(mini):
    m = mini.matrix()
    assert m.to_table("github").splitlines()[2] == (
        "| no-walls   | No walls   | counter-proposal | open    |"
    )
    assert "\\toprule" in m.to_table("latex_booktabs")
    assert '<table id="matrix">' in m._repr_html_()
    assert m._repr_markdown_() == m.to_table("github")
    assert m._repr_latex_() == m.to_table("latex_booktabs")
    assert repr(m) == "<StatusMatrix 2 demands x south, east>"


def test_counts(mini):
    counts = mini.matrix().counts()
    assert counts["east"][ng.Status.PENDING] == 1
    assert sum(counts["south"].values()) == 2


statuses = st.sampled_from([s for s in ng.Status if s is not ng.Status.PENDING])


def test_silence_does_not_override_a_position(mini):
    first, silent = mini.responses[0], mini.responses[2]
    responses = [
        ng.Response("no-walls", "east", first.date, "rejected", first.source, first.quote),
        ng.Response("no-walls", "east", silent.date, "not-addressed", silent.source),
    ]
    ds = ng.Dataset(mini.actors, mini.documents, mini.demands, responses)
    assert ds.matrix().status("no-walls", "east") is ng.Status.REJECTED
    assert ds.matrix().cell("no-walls", "east").response is responses[0]
    only_silence = ng.Dataset(mini.actors, mini.documents, mini.demands, responses[1:])
    assert only_silence.matrix().status("no-walls", "east") is ng.Status.NOT_ADDRESSED


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["no-walls", "open-roads"]),
            st.sampled_from(["south", "east"]),
            st.integers(0, 60),
            statuses,
        ),
        max_size=12,
    )
)
def test_one_cell_per_demand_and_actor_and_latest_wins(mini, answers):
    doc = mini.document("south-reply")
    responses = [
        ng.Response(d, a, dt.date(2020, 1, 10) + dt.timedelta(days), s, doc, ng.Quote("q"))
        for d, a, days, s in answers
    ]
    ds = ng.Dataset(mini.actors, mini.documents, mini.demands, responses)
    m = ds.matrix(actors="south,east")
    assert len(list(m.cells())) == 4
    for cell in m.cells():
        d, a = cell.demand.id, cell.actor.id
        mine = [(days, i, s) for i, (dd, aa, days, s) in enumerate(answers) if (dd, aa) == (d, a)]
        positions = [m for m in mine if m[2] is not ng.Status.NOT_ADDRESSED]
        deciding = max(positions or mine, default=None)
        expected = deciding[2] if deciding else ng.Status.PENDING
        assert cell.status is expected
