from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import negotiation as ng
from negotiation.cli import main
from negotiation.sources import normalise, read_archive, verify

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = """# Archive of passages: A note
# document: north-note
# status: partial. Article 1 only.
# retrieved: 2026-11-25

## passage
url: https://example.org/north-note
locator: Article 1
text:
No walls shall
be built.

## gap
locator: Article 2
note: not read

## passage
url: https://example.org/copy
translation: Agency
text:
Roads shall stay open.
"""


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "data" / "demands.yaml", tmp_path / "demands.yaml")
    shutil.copytree(ROOT / "data" / "sources", tmp_path / "sources")
    return tmp_path / "demands.yaml"


def test_normalise_folds_only_whitespace_and_typographic_quotes():
    assert normalise("“NATO’s\n  door”") == '"NATO\'s door"'
    assert normalise("a – b") == "a – b"  # dashes are words, not typography


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=50))
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


def test_read_archive(tmp_path):
    path = tmp_path / "north-note.txt"
    path.write_text(ARCHIVE, encoding="utf-8")
    archive = read_archive(path)
    assert archive.document == "north-note" and archive.status == "partial. Article 1 only."
    assert [p.url for p in archive.passages] == [
        "https://example.org/north-note",
        "https://example.org/copy",
    ]
    assert archive.passages[0].normalised == "No walls shall be built."
    assert archive.passages[1].translation == "Agency"
    assert archive.gaps[0].locator == "Article 2"
    assert len(archive.sha256) == 64


def test_read_archive_reports_bad_lines(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("## passage\nurl: u\nauthor: me\ntext:\nx\n## chapter\n", encoding="utf-8")
    with pytest.raises(ng.DataError) as info:
        read_archive(path)
    assert [p.line for p in info.value.problems] == [3, 6]


def test_bundled_quotes_verify(bundled):
    assert verify(bundled) == ()


def test_one_altered_word_fails_with_file_and_line(bundled_copy):
    text = bundled_copy.read_text(encoding="utf-8")
    needle = "Russia has no veto, Russia has no say"
    line = next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)
    bundled_copy.write_text(
        text.replace(needle, "Russia has no veto, Russia has no vote"), encoding="utf-8"
    )
    (problem,) = verify(ng.load(bundled_copy))
    archive = bundled_copy.parent / "sources" / "nato-sg-2021-12-01.txt"
    assert str(problem).startswith(
        f"{bundled_copy}:{line}: responses[0] (nato-non-enlargement x nato): quote not found "
        f'in {archive} (closest passage: "'
    )
    assert "Russia has no say" in str(problem)


def test_verify_cli_exit_codes(bundled_copy, capsys):
    assert main(["verify"]) == 0
    assert "quotes found verbatim" in capsys.readouterr().out
    text = bundled_copy.read_text(encoding="utf-8")
    bundled_copy.write_text(
        text.replace("NATO is not a threat to Russia.", "NATO is no threat to Russia."),
        encoding="utf-8",
    )
    assert main(["verify", "--data", str(bundled_copy)]) == 1
    err = capsys.readouterr().err
    assert err.count("quote not found") == 2 and "Traceback" not in err


def test_quote_in_the_wrong_copy(bundled_copy):
    text = bundled_copy.read_text(encoding="utf-8")
    old = "    via: thedrive-43334\n"
    bundled_copy.write_text(text.replace(old, ""), encoding="utf-8")
    (problem,) = verify(ng.load(bundled_copy))
    assert "but read in https://www.thedrive.com/" in str(problem)
    assert "set via to the copy it was read in" in str(problem)


def test_translation_must_match_the_passage(bundled_copy):
    text = bundled_copy.read_text(encoding="utf-8")
    bundled_copy.write_text(
        text.replace("    translation: Sputnik\n", "    translation: TASS\n", 1), encoding="utf-8"
    )
    problems = verify(ng.load(bundled_copy))
    assert len(problems) == 1
    assert "the passage is in the translation 'Sputnik', but the quote records 'TASS'" in str(
        problems[0]
    )


def test_changed_archive_breaks_its_hash(bundled_copy):
    archive = bundled_copy.parent / "sources" / "nato-sg-2022-02-15.txt"
    archive.write_text(archive.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (problem,) = verify(ng.load(bundled_copy))
    assert "sha256 does not match" in str(problem) and "nato-sg-2022-02-15" in str(problem)


def test_missing_archive(bundled_copy):
    (bundled_copy.parent / "sources" / "nato-sg-2022-02-15.txt").unlink()
    problems = verify(ng.load(bundled_copy))
    assert problems and all("no archive" in str(p) for p in problems)


def test_paraphrases_are_not_checked(bundled):
    paraphrased = [r for r in bundled.responses if r.quote and r.quote.paraphrase]
    assert paraphrased  # the bundled data has some, marked as such


def test_sources_listing(capsys, bundled):
    assert main(["sources", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "id,kind,date,title,publisher,url,passages,copies,sha256,coverage"
    assert len(out) == len(bundled.documents) + 1
    rows = {row["id"]: row for row in csv.DictReader(out)}
    reply = rows["ru-reply-2022-02-17"]
    assert reply["url"].startswith("https://mid.ru/") and reply["coverage"].startswith("partial.")
    assert int(reply["passages"]) > 10 and len(reply["sha256"]) == 12
