from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from negotiation.cli import main

MINI = str(Path(__file__).parent / "data" / "mini.yaml")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_matrix_prints_a_table(capsys):
    code, out, err = run(capsys, "matrix", "--data", MINI)
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "| Demand     | Title      | South            | East    |"


def test_matrix_formats_actors_and_as_of(capsys):
    code, out, _ = run(
        capsys, "matrix", "--data", MINI, "--format", "latex_booktabs", "--actors", "east"
    )
    assert code == 0 and "\\toprule" in out and "South" not in out
    code, out, _ = run(capsys, "matrix", "--data", MINI, "--as-of", "2020-01-05", "-f", "csv")
    assert out == "Demand,Title,South,East\nno-walls,No walls,pending,pending\n"


def test_matrix_to_a_file(capsys, tmp_path):
    target = tmp_path / "m.md"
    code, out, _ = run(capsys, "matrix", "--data", MINI, "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("| Demand")


def test_failed_run_leaves_the_old_output(capsys, tmp_path):
    target = tmp_path / "m.md"
    target.write_text("precious\n", encoding="utf-8")
    for argv in (
        ["--format", "nope"],
        ["--data", str(tmp_path / "missing.yaml")],
        ["--as-of", "2020-99-01"],
        ["--actors", "west"],
    ):
        code, _, err = run(capsys, "matrix", "--data", MINI, *argv, "-o", str(target))
        assert code in (1, 2) and err
        assert target.read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["m.md"]  # no temporary file left


def test_validate_ok(capsys):
    code, out, err = run(capsys, "validate", MINI)
    assert code == 0 and err == ""
    assert out == f"{MINI}: valid (2 demands, 4 responses, 3 documents)\n"


def test_validate_lists_every_problem(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = Path(MINI).read_text(encoding="utf-8")
    bad.write_text(
        text.replace("status: open", "status: opne").replace(
            "raised: 2020-01-10", "raised: 2020-01-32"
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", str(bad))
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert len(lines) == 3 and lines[-1] == f"{bad}: 2 problems"
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert "Traceback" not in err


@pytest.mark.parametrize("content", ["", "a: [", "- 1", b"\xff\xfe"])
def test_validate_bad_files_exit_1_with_a_located_message(capsys, tmp_path, content):
    bad = tmp_path / "bad.yaml"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1 and re.match(rf"{re.escape(str(bad))}:\d+:\d+: \S", err)
    assert "Traceback" not in err


def test_validate_missing_file_and_directory(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "none.yaml"))
    assert code == 1 and "none.yaml: no such file" in err
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert code == 1 and "is a directory" in err


def test_usage_errors_exit_2(capsys):
    code, _, err = run(capsys)
    assert code == 2 and "the following arguments are required: COMMAND" in err
    code, _, err = run(capsys, "matrix", "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err
    code, _, err = run(capsys, "matrix", "--data", MINI, "--format", "latex_raw")
    assert code == 2 and err == (
        "negotiation: error: format 'latex_raw' is refused: it does "
        "not escape LaTeX; use latex or latex_booktabs\n"
    )


def test_help_and_version(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "matrix" in out and "validate" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("negotiation ")


def test_python_dash_m_matches_main(capsys, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "negotiation", "matrix", "--data", MINI],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    code, out, _ = run(capsys, "matrix", "--data", MINI)
    assert proc.returncode == code == 0 and proc.stdout == out
