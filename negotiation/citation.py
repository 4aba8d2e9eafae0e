"""How to cite the software and the dataset, matching ``CITATION.cff``.

>>> print(cite().splitlines()[0])  # doctest: +ELLIPSIS
negotiation ... (software), dataset "Security guarantees 2021-22" version 1.0.0...
"""

from __future__ import annotations

from .errors import UsageError
from .load import load

__all__ = ["cite"]

AUTHORS = "The negotiation contributors"
TITLE = "negotiation: the 2021-22 Russia / US / NATO security-guarantees exchange as data"
YEAR = "2026"


def _version() -> str:
    from . import __version__

    return __version__


def cite(style: str = "text") -> str:
    """The citation of this software and of the bundled dataset's version.

    Args:
        style: ``"text"`` (one paragraph) or ``"bibtex"``.

    Raises:
        UsageError: for another style.
    """
    ds = load()
    version = _version()
    if style == "text":
        return (
            f'negotiation {version} (software), dataset "{ds.name}" version {ds.version}. '
            f"{AUTHORS} ({YEAR}). {TITLE}. "
            "Cite the dataset version and the as-of date of any table you publish."
        )
    if style == "bibtex":
        return (
            "@software{negotiation,\n"
            f"  author = {{{AUTHORS}}},\n"
            f"  title = {{{TITLE}}},\n"
            f"  version = {{{version}}},\n"
            f"  year = {{{YEAR}}},\n"
            f'  note = {{Dataset "{ds.name}", version {ds.version}}}\n'
            "}"
        )
    raise UsageError(f"unknown citation style {style!r}; use 'text' or 'bibtex'")
