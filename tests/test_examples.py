"""The examples run as a researcher would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import negotiation as ng

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_quickstart_notebook_runs_top_to_bottom(tmp_path):
    nb = nbformat.read(EXAMPLES / "quickstart.ipynb", as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<table" in h and "legend" in h for h in html)  # the matrix as a table
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the plot


def test_report_script_writes_every_format(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "report.py"), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["security-guarantees." + s for s in ("csv", "html", "json", "md", "tex")]


def test_custom_example_is_valid_and_labelled():
    ds = ng.load(EXAMPLES / "custom.yaml")
    assert "fictional" in ds.name
    assert all(r.quote is None or r.quote.paraphrase for r in ds.responses)
    assert all(d.quote.paraphrase for d in ds.demands)
