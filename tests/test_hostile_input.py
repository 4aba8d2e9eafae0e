"""Open input: whatever a researcher's file holds, loading ends in a dataset or in DataError."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import negotiation as ng

load_module = importlib.import_module("negotiation.load")

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = yaml.safe_load((ROOT / "data" / "demands.yaml").read_text(encoding="utf-8"))
SECTIONS = ["actors", "documents", "demands", "responses", "assessments"]

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.dates(min_value=dt.date(1, 1, 1)),
)


@st.composite
def mutated(draw):
    data = yaml.safe_load(yaml.safe_dump(BUNDLED))  # a deep copy
    for _ in range(draw(st.integers(1, 3))):
        section = draw(st.sampled_from(SECTIONS))
        records = data[section]
        i = draw(st.integers(0, len(records) - 1))
        record = records[i]
        if not isinstance(record, dict) or not record:
            continue
        key = draw(st.sampled_from(sorted(record)))
        op = draw(st.sampled_from(["drop", "duplicate", "retype", "garble", "rename"]))
        if op == "drop":
            del record[key]
        elif op == "duplicate":
            records.append(dict(record))
        elif op == "retype":
            record[key] = draw(junk)
        elif op == "garble" and isinstance(record[key], str):
            text = record[key]
            cut = draw(st.integers(0, len(text)))
            record[key] = text[:cut] + draw(st.text(max_size=5)) + text[cut + 1 :]
        elif op == "rename":
            record[key + draw(st.sampled_from(["s", "_", "x"]))] = record.pop(key)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_bundled_data_loads_or_fails_cleanly(text):
    try:
        ds = ng.loads(text, "m.yaml")
    except ng.DataError as e:
        assert e.problems
        for problem in e.problems:
            assert problem.file == "m.yaml" and problem.line is not None
            assert str(problem).startswith(f"m.yaml:{problem.line}")
    else:
        assert ng.loads(ds.dump(), "again.yaml") == ds


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_fail_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "x.yaml"
    path.write_bytes(data)
    with pytest.raises(ng.DataError):
        ng.load(path)  # no random bytes make a whole dataset


text_st = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda s: s.strip()
)
ids = st.from_regex(r"\A[a-z0-9][a-z0-9._-]{0,10}\Z")


@st.composite
def datasets(draw):
    actors = [
        ng.Actor(i, draw(text_st)) for i in draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    ]
    day = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1))
    docs = [
        ng.Document(
            i,
            draw(text_st),
            draw(day),
            draw(text_st),
            draw(text_st),
            draw(st.sampled_from(["primary", "statement", "report"])),
            note=draw(st.none() | text_st),
        )
        for i in draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    ]
    raised = draw(day)
    demands = [
        ng.Demand(
            i,
            draw(text_st),
            draw(text_st),
            draw(text_st),
            raised,
            docs[0],
            ng.Quote(
                draw(text_st),
                via=draw(st.none() | st.sampled_from(docs)),
                translation=draw(st.none() | text_st),
                paraphrase=draw(st.booleans()),
            ),
            [ng.Ref(docs[0], draw(st.none() | text_st))],
        )
        for i in draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    ]
    responses = [
        ng.Response(
            draw(st.sampled_from(demands)).id,
            draw(st.sampled_from(actors)).id,
            raised + dt.timedelta(days=draw(st.integers(0, 100))),
            status,
            draw(st.sampled_from(docs)),
            None if status == "not-addressed" else ng.Quote(draw(text_st)),
            conditions=draw(st.none() | text_st),
        )
        for status in draw(
            st.lists(
                st.sampled_from(
                    ["accepted", "counter-proposal", "open", "not-addressed", "rejected"]
                ),
                max_size=5,
            )
        )
    ]
    return ng.Dataset(
        actors,
        docs,
        demands,
        responses,
        name=draw(text_st),
        version=draw(st.sampled_from(["1", "2.0", "0.1.0", "2021-12"])),
    )


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_dump_load_round_trip(ds):
    text = ds.dump()
    again = ng.loads(text)
    assert again == ds
    assert again.dump() == text


def test_large_file_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(load_module, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("actors: []\n" + "# padding\n" * 200, encoding="utf-8")
    with pytest.raises(ng.DataError, match="more than the 1000 a data file may have"):
        ng.load(big)


def test_many_records_load_in_bounded_time(tmp_path):
    base = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
    head, responses = base.split("responses:\n")
    block = responses.split("  - demand: no-walls\n    actor: east")[0]
    text = head + "responses:\n" + block * 3000
    start = time.process_time()
    ds = ng.loads(text)
    assert len(ds.responses) == 3 * 3000
    assert time.process_time() - start < 60  # a bound against hangs, not a benchmark


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(ng.DataError):
        ng.loads("actors: " + "[" * 5000 + "]" * 5000)
