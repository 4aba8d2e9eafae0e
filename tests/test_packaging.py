"""The bundled data must ship in the wheel and load from outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Build from a clean copy: a build/ folder left in the checkout would leak stale files.
    source = tmp_path_factory.mktemp("src") / "negotiation"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".venv*"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(source),
        ],
        check=True,
        cwd=out,
    )
    (found,) = out.glob("negotiation-*.whl")
    return found


def test_wheel_holds_the_package_the_data_and_the_archives(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "negotiation/py.typed" in names
    assert "negotiation/data/demands.yaml" in names
    archives = {n for n in names if n.startswith("negotiation/data/sources/")}
    assert archives == {
        f"negotiation/data/sources/{p.name}" for p in (ROOT / "data" / "sources").glob("*.txt")
    }


def test_installed_wheel_loads_bundled_data_from_anywhere(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import negotiation as ng, sys; "
        f"assert ng.__file__.startswith({str(target)!r}), ng.__file__; "
        "ds = ng.load(); m = ds.matrix(); "
        "print(len(ds.demands), m.status('nato-non-enlargement', 'nato').value)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    count, status = proc.stdout.split()
    assert int(count) >= 4 and status == "rejected"
    proc = subprocess.run(
        [sys.executable, "-m", "negotiation", "matrix", "--format", "github"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "| nato-non-enlargement " in proc.stdout and "NATO" in proc.stdout.splitlines()[0]


def test_no_heavy_imports_at_import_time():
    code = (
        "import sys, negotiation; "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
