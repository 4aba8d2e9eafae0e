"""The benchmarks run (no timing is asserted) and the synthetic data they use is valid."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import negotiation as ng

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_bench_generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return _generate()


def test_generated_data_loads_and_validates(generate, tmp_path):
    path = tmp_path / "synthetic.yaml"
    generate.write(path, demands=7, actors=3, responses=4, seed=1)
    assert ng.validate(path) == ()
    ds = ng.load(path)
    assert len(ds.demands) == 7 and len(ds.responses) == 7 * 3 * 4
    assert len(ds.respondents) == 3
    raised = {d.id: d.raised for d in ds.demands}
    for r in ds.responses:
        assert r.date >= raised[r.demand]
        assert (r.quote is None) == (r.status is ng.Status.NOT_ADDRESSED)
    assert {r.status.value for r in ds.responses} <= set(generate.STATUSES)
    m = ds.matrix()
    assert len(list(m.cells())) == 7 * 3


def test_generator_is_deterministic_and_reads_back_as_built(generate):
    import yaml

    text = generate.dataset_text(5, 2, 3, seed=4)
    assert text == generate.dataset_text(5, 2, 3, seed=4)
    assert text != generate.dataset_text(5, 2, 3, seed=5)
    assert yaml.safe_load(text) == generate.dataset(5, 2, 3, seed=4)


def test_generator_command_line(tmp_path):
    path = tmp_path / "cli.yaml"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "generate.py"),
            "--demands",
            "3",
            "--actors",
            "2",
            "--responses",
            "2",
            "-o",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(ng.load(path).responses) == 12


def test_quick_run_prints_the_four_figures():
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for figure in (
        "(1) cold",
        "(2) load+matrix / C loader",
        "(3) load+matrix / C loader + pandas",
        "(4) peak RSS",
    ):
        rows = [line for line in out.splitlines() if line.startswith(f"| {figure}")]
        assert len(rows) == 1, f"{figure!r} missing from:\n{out}"
        assert any(word in rows[0] for word in ("PASS", "FAIL", "skipped"))
    assert "machine:" in out and "commit:" in out
