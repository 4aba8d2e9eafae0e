"""Write the full report of the bundled dataset in every format.

    python examples/report.py [OUTPUT_DIR] [--as-of YYYY-MM-DD]

Each file is written atomically; an existing report is replaced only by a complete one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import negotiation as ng
from negotiation.load import write_atomic
from negotiation.report import FORMATS, report

SUFFIX = {"html": "html", "markdown": "md", "latex": "tex", "csv": "csv", "json": "json"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="reports", help="folder (default reports)")
    parser.add_argument("--as-of", help="the state of play on this day")
    args = parser.parse_args()
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    ds = ng.load()
    for fmt in FORMATS:
        path = out / f"security-guarantees.{SUFFIX[fmt]}"
        write_atomic(path, report(ds, fmt, as_of=args.as_of))
        print(path)


if __name__ == "__main__":
    main()
