from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from negotiation import UsageError, render

HOSTILE = r"| & % _ < $ \ # { } ^ ~ > 'x' \"y\""
HEADERS = ["Demand", "Status"]
ROWS = [["a|b & c", "<b>x</b> 100% $5 under_score \\ #{}^~"]]


def test_github_escapes_pipes_and_keeps_one_row_per_line():
    out = render.table(HEADERS, [["a|b\nc", "ok"]], "github")
    assert out == ("| Demand   | Status   |\n|----------|----------|\n| a\\|b c   | ok       |")


def test_html_escapes_markup():
    out = render.table(HEADERS, ROWS, "html")
    assert "<b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    assert "a|b &amp; c" in out


def test_latex_booktabs_escapes_specials():
    out = render.table(HEADERS, ROWS, "latex_booktabs")
    assert "\\toprule" in out
    body = out.split("\\midrule")[1]
    for raw, escaped in [
        ("&", r"\&"),
        ("%", r"\%"),
        ("$", r"\$"),
        ("_", r"\_"),
        ("#", r"\#"),
        ("{", r"\{"),
        ("}", r"\}"),
    ]:
        assert escaped in body, raw
    assert " 100% " not in body


def test_csv_guards_formulas_and_round_trips_text():
    out = render.table(["a", "b"], [["=1+1", "+x"], ["-y", "@z"], ["plain, text", 'q"q']], "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["a", "b"], ["'=1+1", "'+x"], ["'-y", "'@z"], ["plain, text", 'q"q']]


def test_json_is_a_list_of_objects():
    out = render.table(["a", "b"], [["1", "x"]], "json")
    assert json.loads(out) == [{"a": "1", "b": "x"}]


def test_control_characters_never_reach_a_terminal():
    out = render.table(["a"], [["\x1b[31mred"]], "plain")
    assert "\x1b" not in out and "\ufffd[31mred" in out


@pytest.mark.parametrize("fmt", ["latex_raw", "unsafehtml"])
def test_unescaped_formats_are_refused(fmt):
    with pytest.raises(UsageError, match="is refused"):
        render.table(HEADERS, ROWS, fmt)


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(UsageError, match=r"unknown format 'githb'; use one of: .*github"):
        render.table(HEADERS, ROWS, "githb")


def test_aliases():
    assert render.table(HEADERS, ROWS, "markdown") == render.table(HEADERS, ROWS, "github")


cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_markdown_table_keeps_its_shape_for_any_text(rows):
    out = render.table(["a", "b"], [list(r) for r in rows], "github")
    lines = out.split("\n")
    assert len(lines) == len(rows) + 2
    for line in lines:
        unescaped_pipes = line.replace("\\\\", "").replace("\\|", "")
        assert unescaped_pipes.count("|") == 3


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_html_table_passes_no_markup_for_any_text(rows):
    out = render.table(["a", "b"], [list(r) for r in rows], "html")
    tags = {t.split(">")[0].split()[0] for t in out.split("<")[1:]}
    assert tags <= {
        "table",
        "/table",
        "thead",
        "/thead",
        "tbody",
        "/tbody",
        "tr",
        "/tr",
        "th",
        "/th",
        "td",
        "/td",
    }


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_csv_cells_never_start_a_formula(rows):
    out = render.table(["a", "b"], [list(r) for r in rows], "csv")
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))


GOLDEN = Path(__file__).parent / "golden"
GOLDEN_ROWS = [["a|b", "<i>&</i> 5% $x_1 \\ #1"], ["=SUM(A1)", "~^{}"]]


@pytest.mark.parametrize("fmt", ["github", "latex_booktabs", "html", "csv", "json", "plain"])
def test_golden_output_per_format(fmt):
    """Reviewed outputs with hostile cells: a change in escaping shows up here."""
    expected = (GOLDEN / f"table.{fmt}").read_text(encoding="utf-8")
    assert render.table(HEADERS, GOLDEN_ROWS, fmt) == expected
