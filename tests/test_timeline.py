from __future__ import annotations

import datetime as dt

import pytest

import negotiation as ng
from negotiation.cli import main


def test_history_steps_one_per_change(mini):
    steps = mini.history("no-walls", "south")
    assert [(s.date, s.status) for s in steps] == [
        (dt.date(2020, 1, 15), ng.Status.REJECTED),
        (dt.date(2020, 2, 1), ng.Status.COUNTER_PROPOSAL),
    ]
    assert mini.history("open-roads", "east") == ()


def test_history_skips_repeats(bundled):
    steps = bundled.history("nato-non-enlargement", "nato")
    assert [s.status for s in steps] == [ng.Status.REJECTED]
    assert len(bundled.evidence("nato-non-enlargement", "nato")) > 1


def test_diff(mini):
    d = mini.diff("2020-01-05", "2020-02-01")
    assert [x.id for x in d.added] == ["open-roads"]
    moved = {(c.demand.id, c.actor.id): (c.before, c.after) for c in d.changes}
    assert moved == {
        ("no-walls", "south"): (ng.Status.PENDING, ng.Status.COUNTER_PROPOSAL),
        ("no-walls", "east"): (ng.Status.PENDING, ng.Status.OPEN),
        ("open-roads", "south"): (ng.Status.PENDING, ng.Status.NOT_ADDRESSED),
    }
    change = next(c for c in d.changes if c.actor.id == "south" and c.demand.id == "no-walls")
    assert [r.date for r in change.responses] == [dt.date(2020, 1, 15), dt.date(2020, 2, 1)]
    assert change.deciding.status is ng.Status.COUNTER_PROPOSAL


def test_diff_rejects_reversed_dates(mini):
    with pytest.raises(ng.UsageError, match="is after the later one"):
        mini.diff("2020-02-01", "2020-01-01")


def test_timeline_is_ordered(mini, bundled):
    events = mini.timeline()
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert {e.kind for e in events} == {"document", "demand", "response"}
    assert events[0].label == "North's note (North Foreign Office)"
    assert len(bundled.timeline()) > len(bundled.responses)


def test_cli_diff(capsys):
    assert main(["diff", "2022-01-25", "2022-01-27", "--actors", "us,nato"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2022-01-25 -> 2022-01-27: ")
    assert any(
        line.startswith(
            "no-nato-activity-ukraine-and-beyond  us  rejected -> "
            "counter-proposal  (2022-01-26 us-response-2022-01-26 <"
        )
        for line in lines
    )


def test_cli_diff_lists_added_demands(capsys):
    assert main(["diff", "2022-02-16", "2022-02-18"]) == 0
    out = capsys.readouterr().out
    assert "+ stop-arms-supplies-ukraine: raised 2022-02-17" in out


def test_cli_explain(capsys):
    assert main(["explain", "missile-moratorium", "nato"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("missile-moratorium: US to join the moratorium")
    assert "NATO (nato): open" in out
    assert "  2021-12-14  rejected" in out
    assert '"The proposal from Russia on a moratorium is not credible' in out
    assert "source: Jens Stoltenberg, remarks to reporters in Brussels" in out
    assert "<https://" in out


def test_cli_explain_as_of(capsys):
    assert main(["explain", "missile-moratorium", "nato", "--as-of", "2021-12-20"]) == 0
    out = capsys.readouterr().out
    assert "NATO (nato): rejected" in out and "2022-01-12" not in out


@pytest.mark.parametrize(
    "argv,message",
    [
        (["explain", "missile-moratorim"], "unknown demand id 'missile-moratorim'; did you mean"),
        (["explain", "missile-moratorium", "otan"], "unknown actor id 'otan'"),
        (["diff", "2022-01-25", "yesterday"], "later: 'yesterday' is not a date"),
        (["matrix", "--as-of", "2022-02-30"], "as_of: '2022-02-30' is not a date"),
    ],
)
def test_cli_errors_are_one_line_exit_2(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("negotiation: error: ") and message in err
    assert err.count("\n") == 1


def test_matrix_as_of_cli(capsys):
    assert main(["matrix", "--as-of", "2021-12-16", "--format", "csv"]) == 0
    early = capsys.readouterr().out.splitlines()
    assert main(["matrix", "--as-of", "2022-02-28", "--format", "csv"]) == 0
    late = capsys.readouterr().out.splitlines()
    assert len(early) < len(late)
