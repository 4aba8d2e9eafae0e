from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

import negotiation as ng
from negotiation.cli import main
from negotiation.report import latex_escape, report

HOSTILE = "<script>alert(1)</script> | & % $ # _ { } ^ ~ \\ =cmd"


@pytest.fixture(scope="module")
def hostile():
    """The mini dataset with hostile text in every field a report prints."""
    mini = ng.load(Path(__file__).parent / "data" / "mini.yaml")
    bad_doc = attrs.evolve(
        mini.documents[1], title=HOSTILE, url="javascript:alert(1)", publisher=HOSTILE
    )
    docs = [mini.documents[0], bad_doc, mini.documents[2]]
    demands = [
        attrs.evolve(d, title=HOSTILE, summary=HOSTILE, quote=attrs.evolve(d.quote, text=HOSTILE))
        for d in mini.demands
    ]
    responses = [
        attrs.evolve(
            r,
            source=bad_doc if r.source.id == bad_doc.id else r.source,
            note=HOSTILE,
            quote=attrs.evolve(r.quote, text=HOSTILE) if r.quote else None,
        )
        for r in mini.responses
    ]
    return ng.Dataset(mini.actors, docs, demands, responses, name=HOSTILE, version="1")


def test_html_report_is_self_contained(bundled):
    page = report(bundled, "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "src=" not in page and "@import" not in page
    assert '<table id="matrix">' in page and "<style>" in page
    for d in bundled.demands:
        assert f'<section id="{d.id}">' in page
    assert bundled.matrix().caption in page


def test_html_report_escapes_everything(hostile):
    page = report(hostile, "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "javascript:" not in page.replace("&lt;javascript:alert(1)&gt;", "")
    assert 'href="javascript' not in page


def test_markdown_report(bundled, hostile):
    text = report(bundled, "markdown")
    assert text.startswith("# Security guarantees 2021-22: status of each demand")
    assert "| nato-non-enlargement " in text and "## Legend" in text
    bad = report(hostile, "markdown")
    table = [line for line in bad.splitlines() if line.startswith("| ")]
    assert all(line.replace("\\|", "").count("|") == 5 for line in table)
    assert "<script>" not in bad and "](<javascript" not in bad


def test_latex_report(bundled, hostile):
    text = report(bundled, "latex")
    assert "\\toprule" in text and "\\bottomrule" in text and "\\begin{enumerate}" in text
    assert "\\textsuperscript{1}" in text
    bad = report(hostile, "latex")
    body = bad.split("\\midrule")[1]
    for raw in ("&lt;", " & % ", " $ ", " # ", " _ "):
        assert raw not in body
    assert "\\textbackslash{}" in body and "\\textasciitilde{}" in body and "\\^{}" in body


def test_latex_escape_all_specials():
    assert latex_escape("\\ { } $ & % # _ ^ ~") == (
        "\\textbackslash{} \\{ \\} \\$ \\& \\% \\# \\_ \\^{} \\textasciitilde{}"
    )


def test_csv_report_is_tidy_and_formula_safe(bundled, hostile):
    rows = list(csv.DictReader(io.StringIO(report(bundled, "csv"))))
    assert len(rows) == len(bundled.demands) * 2
    assert {"demand", "actor", "status", "date", "source", "quote"} <= set(rows[0])
    for row in csv.DictReader(io.StringIO(report(hostile, "csv"))):
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_json_report(bundled):
    data = json.loads(report(bundled, "json"))
    assert data["version"] == bundled.version and data["as_of"] is None
    assert len(data["records"]) == len(bundled.demands) * 2


def test_report_options(bundled):
    data = json.loads(report(bundled, "json", as_of="2021-12-16", actors="nato"))
    assert data["as_of"] == "2021-12-16"
    assert {r["actor"] for r in data["records"]} == {"nato"}
    with pytest.raises(ng.UsageError, match="unknown report format 'pdf'"):
        report(bundled, "pdf")


@pytest.mark.parametrize("fmt", ["html", "markdown", "latex", "csv", "json"])
def test_cli_report_every_format(tmp_path, capsys, fmt):
    out = tmp_path / f"r.{fmt}"
    assert main(["report", "--format", fmt, "-o", str(out), "--as-of", "2022-01-27"]) == 0
    assert out.read_text(encoding="utf-8") == report(ng.load(), fmt, as_of="2022-01-27")


def test_failed_report_leaves_the_old_file(tmp_path, capsys):
    out = tmp_path / "r.html"
    out.write_text("old report", encoding="utf-8")
    assert main(["report", "-o", str(out), "--as-of", "2022-13-01"]) == 2
    assert main(["report", "-o", str(out), "--data", str(tmp_path / "none.yaml")]) == 1
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_written_files_keep_normal_permissions(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["report", "-f", "csv", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    out.chmod(0o640)
    assert main(["report", "-f", "csv", "-o", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (.ci/run installs the Debian package)")
        pytest.skip("headless Chromium is not installed (Debian package: chromium)")
    return found


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run(
        [_chromium(), *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_html_report_in_a_real_browser(tmp_path, bundled, capsys):
    page = tmp_path / "report.html"
    assert main(["report", "--format", "html", "-o", str(page)]) == 0
    dom = _run_chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert '<table id="matrix">' in dom
    for d in bundled.demands:
        assert d.title.replace("'", "&#x27;") in dom or d.title in dom
    shot = tmp_path / "shot.png"
    _run_chromium(tmp_path, "--window-size=1200,900", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    pytest.importorskip("matplotlib")  # the test extra installs it; it reads the PNG back
    import matplotlib.image

    pixels = matplotlib.image.imread(str(shot))
    assert pixels.std() > 0.05  # not a blank page
