from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import negotiation as ng

CFF = yaml.safe_load((Path(__file__).resolve().parent.parent / "CITATION.cff").read_text())


def test_citation_matches_citation_cff():
    assert CFF["version"] == ng.__version__
    (data,) = CFF["references"]
    ds = ng.load()
    assert (data["title"], data["version"]) == (ds.name, ds.version)
    text = ng.cite()
    assert f"negotiation {ng.__version__}" in text and f"version {ds.version}" in text
    assert CFF["title"] in text


def test_bibtex():
    bib = ng.cite("bibtex")
    assert bib.startswith("@software{negotiation,") and bib.endswith("}")
    assert f"version = {{{ng.__version__}}}" in bib


def test_unknown_style():
    with pytest.raises(ng.UsageError, match="unknown citation style 'apa'"):
        ng.cite("apa")


def test_table_footer_names_version_and_day(capsys):
    from negotiation.cli import main

    assert main(["matrix", "--as-of", "2022-01-27"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(
        "Security guarantees 2021-22 version 1.0.0, as of 2022-01-27. Status of each demand "
        "per actor (docs/codebook.md)."
    )
    assert main(["matrix", "--format", "latex_booktabs"]) == 0
    assert (
        capsys.readouterr()
        .out.rstrip()
        .splitlines()[-1]
        .startswith("% Security guarantees 2021-22 version 1.0.0, as of 2022-02-19.")
    )
