from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import negotiation as ng

MINI = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")


def problems(text: str, name: str = "f.yaml") -> list[str]:
    with pytest.raises(ng.DataError) as info:
        ng.loads(text, name)
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    count = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            count += 1
            if count == nth:
                return number
    raise AssertionError(needle)


def test_loads_the_mini_dataset(mini):
    assert [d.id for d in mini.demands] == ["no-walls", "open-roads"]
    assert mini.name == "Test negotiation" and mini.version == "1.0"
    r = mini.responses[1]
    assert r.status is ng.Status.COUNTER_PROPOSAL
    assert r.source.title == "South's reply"
    assert r.quote is not None and r.quote.text == "We offer low walls."
    assert r.conditions == "only if North lowers its walls too"
    assert mini.responses[2].quote is None


def test_records_keep_their_lines(mini, mini_text):
    assert mini.lines[("responses", 0)] == line_of(mini_text, "- demand: no-walls")
    assert mini.lines[("demands", 1, "text")] == line_of(mini_text, "text: Roads")


def test_bundled_dataset_loads_from_package_data():
    ds = ng.load()
    assert ds.path == "data/demands.yaml"
    assert {"us", "nato", "russia"} <= {a.id for a in ds.actors}


def test_syntax_error_names_line_and_column():
    text = "actors:\n  - id: us\n    name: [unclosed\n"
    (message,) = problems(text)
    assert message.startswith("f.yaml:4:1: YAML syntax error: ")
    assert message.endswith("; fix the YAML at this place")


def test_empty_file():
    assert problems("") == [
        "f.yaml:1:1: the file is empty; a data file is a mapping with the keys "
        "dataset, actors, documents, demands, responses, assessments"
    ]
    assert problems("# only a comment\n")[0].startswith("f.yaml:1:1: the file is empty")


def test_wrong_top_level_shape():
    assert problems("- a\n- b\n") == [
        "f.yaml:1:1: top level: expected a mapping (key: value lines), got a list"
    ]


def test_missing_sections_and_unknown_top_level_key():
    assert problems("actors: []\ndocuments: []\ndemands: []\nrepsonses: []\n") == [
        "f.yaml:4:1: top level: unknown key 'repsonses'; did you mean 'responses'?",
    ]
    assert problems("actors: []\ndocuments: []\ndemands: []\n") == [
        "f.yaml:1:1: top level: missing key 'responses' (a list of responses)",
    ]


def test_unknown_key_suggests_the_closest():
    text = MINI.replace("    conditions: only", "    conditons: only")
    line = line_of(text, "conditons:")
    assert problems(text) == [
        f"f.yaml:{line}:5: responses[1]: unknown key 'conditons'; did you mean 'conditions'?"
    ]


def test_missing_required_field():
    text = MINI.replace("    status: open\n", "")
    line = line_of(text, "- demand: no-walls", 3)
    assert problems(text) == [
        f"f.yaml:{line}:5: responses[3]: missing required key 'status' (one of accepted, "
        "counter-proposal, open, not-addressed, rejected)"
    ]


def test_wrong_types():
    text = MINI.replace("name: South\n", "name: [South]\n").replace("    paraphrase: x\n", "")
    line = line_of(text, "name: [South]")
    assert problems(text) == [f"f.yaml:{line}:11: actors[1].name: expected text, got a list"]
    text = MINI.replace("    quote: We offer low walls.", "    quote: 12")
    line = line_of(text, "quote: 12")
    assert problems(text) == [
        f"f.yaml:{line}:12: responses[1].quote: expected text, got a number ('12'); "
        "put it in quotes"
    ]


def test_unknown_status_lists_the_valid_ones():
    text = MINI.replace("status: open", "status: opne")
    line = line_of(text, "status: opne")
    assert problems(text) == [
        f"f.yaml:{line}:13: responses[3].status: 'opne' is not valid; did you mean 'open'? "
        "use one of accepted, counter-proposal, open, not-addressed, rejected"
    ]


@pytest.mark.parametrize("bad", ["2020-02-30", "2020-13-01", "'20-1-1'", "yesterday"])
def test_impossible_or_malformed_dates(bad):
    text = MINI.replace("raised: 2020-01-10", f"raised: {bad}")
    line = line_of(text, f"raised: {bad}")
    shown = bad.strip("'")
    assert problems(text) == [
        f"f.yaml:{line}:13: demands[1].raised: {shown!r} is not a valid date; write it as "
        "YYYY-MM-DD (e.g. 2021-12-17)"
    ]


def test_a_number_where_a_date_belongs():
    text = MINI.replace("raised: 2020-01-10", "raised: 2020")
    line = text.splitlines().index("    raised: 2020") + 1
    assert problems(text) == [
        f"f.yaml:{line}:13: demands[1].raised: expected a date as YYYY-MM-DD, got a number ('2020')"
    ]


def test_duplicate_ids():
    text = MINI.replace("id: east\n", "id: south\n")
    first, second = line_of(text, "id: south"), line_of(text, "id: south", 2)
    assert problems(text)[0] == (
        f"f.yaml:{second}:9: actors[2].id: duplicate id 'south' (first on line {first}); "
        "ids must be unique"
    )


def test_duplicate_keys():
    text = MINI.replace("    name: North\n", "    name: North\n    name: Nord\n")
    line = line_of(text, "name: Nord")
    assert problems(text) == [
        f"f.yaml:{line}:5: actors[0]: key 'name' appears twice (first on line {line - 1}); keep one"
    ]


def test_unknown_references():
    text = MINI.replace("  - demand: open-roads", "  - demand: open-road").replace(
        "    actor: east", "    actor: west"
    )
    messages = problems(text)
    assert messages[0].endswith(
        "responses[2].demand: unknown demand 'open-road'; add it to demands or did you mean "
        "'open-roads'?"
    )
    assert messages[1].endswith(
        "responses[3].actor: unknown actor 'west'; add it to actors or did you mean 'east'?"
    )
    text = MINI.replace("    actor: east", "    actor: zzz")
    assert problems(text)[0].endswith(
        "responses[3].actor: unknown actor 'zzz'; add it to actors or use one of: "
        "east, north, south"
    )


def test_response_before_its_demand_was_raised():
    text = MINI.replace(
        "    date: 2020-01-15\n    status: open", "    date: 2019-12-31\n    status: open"
    )
    line = line_of(text, "date: 2019-12-31")
    assert problems(text) == [
        f"f.yaml:{line}:11: responses[3].date: 2019-12-31 is before demand 'no-walls' was "
        "raised (2020-01-01); check both dates"
    ]


def test_quote_required_unless_not_addressed():
    text = MINI.replace("    quote: We are ready to talk about walls.\n", "")
    line = line_of(text, "status: open")
    assert problems(text) == [
        f"f.yaml:{line}:13: responses[3]: a 'open' response needs a quote (verbatim, or "
        "marked paraphrase: true)"
    ]


def test_every_problem_is_reported_at_once():
    text = (
        MINI.replace("status: open", "status: opne")
        .replace("raised: 2020-01-10", "raised: 2020-01-32")
        .replace("name: East", "nme: East")
    )
    messages = problems(text)
    assert len(messages) == 4  # the misspelt key is unknown, and 'name' is then missing
    assert [m.split(": ", 1)[1][:12] for m in messages] == [
        "actors[2]: m",
        "actors[2]: u",
        "demands[1].r",
        "responses[3]",
    ]
    lines = [int(m.split(":")[1]) for m in messages]
    assert lines == sorted(lines)


def test_python_tags_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = MINI.replace(
        "name: South\n",
        f"name: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    messages = problems(text)
    assert "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in messages[0]
    assert not marker.exists()


def test_custom_tags_are_refused():
    text = MINI.replace("name: South\n", "name: !secret South\n")
    assert "actors[1].name: tag '!secret' is not allowed" in problems(text)[0]


def test_alias_bomb_ends_quickly_with_an_error():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        bomb += f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    messages = problems(bomb + "actors: *j\n")
    assert any("YAML aliases (*name) are not supported" in m for m in messages)


def test_aliases_inside_records_are_refused():
    text = MINI.replace("name: South\n", "name: &n South\n").replace("name: East", "name: *n")
    assert any("actors[2].name: YAML aliases" in m for m in problems(text))


def test_non_utf8_bytes(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINI.replace("name: South", "name: S\xfcd").encode("latin-1"))
    with pytest.raises(ng.DataError) as info:
        ng.load(path)
    line = line_of(MINI, "name: South")
    assert str(info.value) == (f"{path}:{line}:12: byte 0xfc is not UTF-8; save the file as UTF-8")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ng.DataError, match=r"nope.yaml: no such file; check the path"):
        ng.load(tmp_path / "nope.yaml")
    with pytest.raises(ng.DataError, match="is a directory; give the path of a YAML data file"):
        ng.load(tmp_path)


def test_dump_round_trip_keeps_order_and_unicode(mini, tmp_path):
    path = tmp_path / "out.yaml"
    text = mini.dump(str(path))
    assert path.read_text(encoding="utf-8") == text
    assert ng.load(path) == mini
    assert text.index("actors:") < text.index("documents:") < text.index("demands:")


def test_dump_keeps_non_ascii_text(mini):
    doc = mini.documents[0]
    changed = ng.Dataset(
        actors=mini.actors,
        documents=[
            ng.Document(
                doc.id,
                "Заявление МИД — «гарантии»",
                doc.date,
                doc.url,
                doc.publisher,
                doc.kind,
                doc.issuer,
            ),
            *mini.documents[1:],
        ],
        demands=mini.demands,
        responses=mini.responses,
    )
    text = changed.dump()
    assert "Заявление МИД — «гарантии»" in text
    assert ng.loads(text).documents[0].title == "Заявление МИД — «гарантии»"


def test_dates_are_dates(mini):
    assert mini.demands[0].raised == dt.date(2020, 1, 1)


def test_dump_writes_no_aliases(mini):
    # Several records share one date object; YAML anchors would make the file unloadable.
    text = mini.dump()
    assert "&id" not in text and "*id" not in text
    assert ng.loads(text) == mini


def test_optional_fields_may_be_left_out():
    text = MINI.replace("    by: north\n", "").replace("    issuer: east\n", "")
    ds = ng.loads(text)
    assert [d.by for d in ds.demands] == [None, None]
    assert ds.document("east-statement").issuer is None


def test_assessments_are_checked_like_responses():
    text = MINI + (
        "assessments:\n"
        "  - demand: no-walls\n"
        "    actor: north\n"
        "    of: sout\n"
        "    date: 2019-01-01\n"
        "    verdict: welcomed\n"
        "    source: north-note\n"
        "    quote: We welcome it.\n"
    )
    messages = problems(text)
    assert [m.split(": ", 1)[1] for m in messages] == [
        "assessments[0].of: unknown actor 'sout'; add it to actors or did you mean 'south'?",
        "assessments[0].date: 2019-01-01 is before demand 'no-walls' was raised (2020-01-01); "
        "check both dates",
    ]


def test_bad_sha256_is_located():
    text = MINI.replace("    issuer: east\n", "    issuer: east\n    sha256: ABC\n")
    line = line_of(text, "sha256: ABC")
    assert problems(text) == [
        f"f.yaml:{line}:13: documents[2].sha256: expected 64 lower-case hexadecimal digits "
        "(the file's sha256), got text ('ABC')"
    ]


def test_a_second_document_is_refused():
    text = MINI + "---\nactors: []\n"
    line = line_of(text, "---")
    assert problems(text) == [
        f"f.yaml:{line}:1: YAML syntax error: expected a single document in the stream, but "
        "found another; keep one document (no '---' lines)"
    ]


def test_a_section_given_twice():
    text = MINI + "actors: []\n"
    first, second = line_of(text, "actors:"), line_of(text, "actors:", 2)
    assert problems(text) == [
        f"f.yaml:{second}:1: top level: key 'actors' appears twice (first on line {first}); "
        "keep one"
    ]


def test_tags_on_the_root_or_a_section_are_refused():
    assert "tag '!data' is not allowed" in problems("!data {actors: []}\n")[0]
    text = MINI.replace("actors:\n", "actors: !list\n", 1)
    assert problems(text)[0].endswith("actors: tag '!list' is not allowed; remove the tag")


def test_sections_may_come_in_any_order():
    head, rest = MINI.split("actors:\n", 1)
    actors, after = rest.split("documents:\n", 1)
    reordered = head + "documents:\n" + after + "actors:\n" + actors
    assert ng.loads(reordered) == ng.loads(MINI)
