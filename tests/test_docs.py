"""The documentation stays true to the code."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import negotiation as ng

DOCS = Path(__file__).resolve().parent.parent / "docs"
load_module = importlib.import_module("negotiation.load")


def test_schema_doc_names_every_key_of_every_section():
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    sections = re.split(r"(?m)^## ", text)
    for section, fields in load_module.SCHEMA.items():
        if section == "refs":
            continue
        body = next(s for s in sections if s.startswith(f"`{section}`"))
        for key in fields:
            if key in ("via", "locator", "language", "translation", "paraphrase"):
                continue
            assert f"`{key}`" in body, f"{section}.{key} is not documented"
    assert all(
        f"`{k}`" in text for k in ("via", "locator", "language", "translation", "paraphrase")
    )


def test_schema_doc_lists_every_status_and_verdict():
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    for status in ng.Status:
        assert f"`{status.value}`" in text
    for verdict in ng.Verdict:
        assert f"`{verdict.value}`" in text


def test_codebook_defines_every_status():
    text = (DOCS / "codebook.md").read_text(encoding="utf-8")
    for status in ng.Status:
        assert f"| `{status.value}` | {status.definition} |" in text
