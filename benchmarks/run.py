"""The benchmarks of issue 7: four figures, each a ratio measured side by side in one run.

    python benchmarks/run.py            # the full run (about 5 minutes)
    python benchmarks/run.py --quick    # tiny sizes, few repeats: checks that it all runs

1. cold ``python -m negotiation matrix`` on the bundled data / the floor
   ``python -c "import yaml, attrs, tabulate"`` (target <= 1.10);
2. ``negotiation.load(path).matrix()`` / ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the
   same file, at 1k, 10k and 100k responses (target <= 1.5 at 100k), with the time per
   response at each size;
3. the same load+matrix / what a user would do instead: the C loader, ``pandas.json_normalize``
   of the responses and a ``pivot_table`` of the latest status per demand x actor (target < 1,
   ours faster; skipped, with a note, when pandas cannot be imported);
4. peak resident memory (``VmHWM``, or ``ru_maxrss``) of (2) / the C loader's, at 100k
   (target <= 1.5).

Every measurement is a fresh subprocess of this same interpreter; the two sides of a ratio are
interleaved (alternating which goes first) and each side's median is taken. A ratio above 1
means ours is slower (or bigger). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/ is not a package)

#: (demands, actors, responses per cell) for each size; labels are the responses in all.
FULL_SIZES = {"1k": (10, 20, 5), "10k": (100, 20, 5), "100k": (1000, 20, 5)}
QUICK_SIZES = {"12": (2, 3, 2), "60": (5, 4, 3), "200": (10, 5, 4)}
FULL_REPEATS = {"cold": 31, "1k": 11, "10k": 7, "100k": 5}
QUICK_REPEATS = {"cold": 2, "12": 1, "60": 1, "200": 1}

TARGETS = {"cold": 1.10, "load": 1.5, "pandas": 1.0, "memory": 1.5}

COLD_OURS = [sys.executable, "-m", "negotiation", "matrix"]
COLD_FLOOR = [sys.executable, "-c", "import yaml, attrs, tabulate"]


# --------------------------------------------------------------------------- workers
# Each runs in a fresh subprocess (``run.py --worker TASK FILE``): imports first, then the
# timed work, then one JSON line on stdout with the time and the peak resident memory.


def _work_ours(path: str) -> Any:
    import negotiation

    def work() -> Any:
        return negotiation.load(path).matrix()

    return work


def _work_yaml(path: str) -> Any:
    import yaml

    def work() -> Any:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        return yaml.load(text, Loader=yaml.CSafeLoader)

    return work


def _work_pandas(path: str) -> Any:
    import pandas
    import yaml

    def work() -> Any:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        responses = pandas.json_normalize(data["responses"])
        # Latest status per demand x actor: a stable sort by date keeps file order within a
        # day, so "last" is the latest response (file order breaking ties, as in ours).
        responses = responses.sort_values("date", kind="stable")
        return responses.pivot_table(
            index="demand", columns="actor", values="status", aggfunc="last"
        )

    return work


WORKERS = {"ours": _work_ours, "yaml": _work_yaml, "pandas": _work_pandas}


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB.

    ``VmHWM`` where there is a /proc: on Linux, ``ru_maxrss`` of a child starts at its parent's
    resident size at fork (it survives exec), which would hide a peak smaller than the parent.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


def _worker(task: str, path: str) -> int:
    work = WORKERS[task](path)
    base = peak_rss_kb()
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    peak = peak_rss_kb()
    del result
    print(json.dumps({"seconds": seconds, "maxrss_kb": peak, "base_kb": base}))
    return 0


# --------------------------------------------------------------------------- measuring


class Setup:
    """Where the subprocesses run and what they import.

    They run in an empty directory (not the checkout, whose ``negotiation/`` would shadow the
    installed package). With ``snapshot`` (the default), the checkout's ``negotiation/`` and
    ``data/`` are first copied, laid out as installed and byte-compiled, into a temporary
    directory put on PYTHONPATH: edits made to the checkout during the run cannot mix two
    versions of the code into one set of figures, stale byte-code caches cannot add compiling
    to the cold start, and nothing is written into the checkout.
    """

    def __init__(self, tmp: Path, snapshot: bool, pandas_path: str | None) -> None:
        self.cwd = tmp / "cwd"
        self.cwd.mkdir()
        self.package_path: str | None = None
        self.pandas_path = pandas_path
        if snapshot:
            site = tmp / "snapshot"
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(ROOT / "negotiation", site / "negotiation", ignore=ignore)
            shutil.copytree(ROOT / "data", site / "negotiation" / "data", ignore=ignore)
            compileall.compile_dir(str(site), quiet=1)
            self.package_path = str(site)
        self.source = source_digest(Path(self.package_path or ROOT) / "negotiation")

    def env(self, pandas: bool = False) -> dict[str, str]:
        env = dict(os.environ)
        extra = [self.package_path, self.pandas_path if pandas else None, env.get("PYTHONPATH")]
        if any(extra):
            env["PYTHONPATH"] = os.pathsep.join(p for p in extra if p)
        return env

    def worker(self, task: str, path: str) -> dict[str, float]:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", task, path],
            capture_output=True,
            text=True,
            env=self.env(task == "pandas"),
            cwd=self.cwd,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"worker {task} {path} failed ({proc.returncode}):\n{proc.stderr}")
        return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

    def time_command(self, argv: Sequence[str]) -> float:
        env = self.env()
        start = time.perf_counter()
        proc = subprocess.run(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=self.cwd,
            env=env,
            check=False,
        )
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv)} failed ({proc.returncode}):\n"
                f"{proc.stderr.decode(errors='replace')}"
            )
        return seconds

    def pandas_version(self) -> str | None:
        """The version of pandas the pandas worker would import, or None if it cannot."""
        proc = subprocess.run(
            [sys.executable, "-c", "import pandas; print(pandas.__version__)"],
            capture_output=True,
            text=True,
            env=self.env(pandas=True),
            cwd=self.cwd,
            check=False,
        )
        return proc.stdout.strip() if proc.returncode == 0 else None


def _interleaved(sides: dict[str, Any], repeats: int) -> dict[str, list[Any]]:
    """Call each side ``repeats`` times, alternating which side goes first."""
    out: dict[str, list[Any]] = {name: [] for name in sides}
    names = list(sides)
    for i in range(repeats):
        for name in names if i % 2 == 0 else reversed(names):
            out[name].append(sides[name]())
    return out


def _progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def measure(
    quick: bool,
    pandas_path: str | None = None,
    quiet: bool = False,
    repeats: int | None = None,
    snapshot: bool = True,
) -> dict[str, Any]:
    """Run every benchmark and return the raw figures."""
    sizes = QUICK_SIZES if quick else FULL_SIZES
    reps = dict(QUICK_REPEATS if quick else FULL_REPEATS)
    if repeats:
        reps = dict.fromkeys(reps, repeats)
    commit = git_commit()
    with tempfile.TemporaryDirectory(prefix="negotiation-bench-") as tmp:
        setup = Setup(Path(tmp), snapshot, pandas_path)
        has_pandas = setup.pandas_version()
        results: dict[str, Any] = {
            "quick": quick,
            "sizes": {},
            "pandas": has_pandas,
            "snapshot": snapshot,
            "source_before": setup.source,
            "commit": commit,
        }

        # (1) cold start; one warm-up each first (byte-code caches, OS file cache).
        _progress(f"(1) cold start, {reps['cold']} interleaved pairs ...", quiet)
        for argv in (COLD_OURS, COLD_FLOOR):
            setup.time_command(argv)
        results["cold"] = _interleaved(
            {
                "ours": lambda: setup.time_command(COLD_OURS),
                "floor": lambda: setup.time_command(COLD_FLOOR),
            },
            reps["cold"],
        )

        # (2)-(4) per size, each run a fresh subprocess.
        for label, (n, m, r) in sizes.items():
            path = str(Path(tmp) / f"bench-{label}.yaml")
            _progress(
                f"(2-4) {label}: generating {n} x {m} x {r} = {n * m * r} responses ...", quiet
            )
            generate.write(path, n, m, r)
            sides = {
                name: (lambda name=name, path=path: setup.worker(name, path))
                for name in ("ours", "yaml", *(("pandas",) if has_pandas else ()))
            }
            _progress(
                f"(2-4) {label}: {reps[label]} interleaved runs of {', '.join(sides)} ...", quiet
            )
            if not quick:
                setup.worker("ours", path)  # warm-up: OS file cache
            results["sizes"][label] = {
                "responses": n * m * r,
                "shape": [n, m, r],
                "bytes": os.path.getsize(path),
                "runs": _interleaved(sides, reps[label]),
            }
        results["source_after"] = source_digest(Path(setup.package_path or ROOT) / "negotiation")
    return results


# --------------------------------------------------------------------------- reporting


def _median(values: Sequence[float]) -> float:
    return statistics.median(values)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def _verdict(ratio: float | None, target: float, strict: bool = False) -> str:
    if ratio is None:
        return "skipped"
    ok = ratio < target if strict else ratio <= target
    return "PASS" if ok else "FAIL"


def summarize(results: dict[str, Any]) -> dict[str, Any]:
    """The four figures, each ``{figure, measured, ratio, target, result}``."""
    sizes = results["sizes"]
    largest = list(sizes)[-1]
    big = sizes[largest]["runs"]
    ours_cold, floor_cold = _median(results["cold"]["ours"]), _median(results["cold"]["floor"])
    ours_t = _median([r["seconds"] for r in big["ours"]])
    yaml_t = _median([r["seconds"] for r in big["yaml"]])
    ours_kb = _median([r["maxrss_kb"] for r in big["ours"]])
    yaml_kb = _median([r["maxrss_kb"] for r in big["yaml"]])
    ours_net = _median([r["maxrss_kb"] - r["base_kb"] for r in big["ours"]])
    yaml_net = _median([r["maxrss_kb"] - r["base_kb"] for r in big["yaml"]])

    per_response = {
        label: _median([r["seconds"] for r in s["runs"]["ours"]]) / s["responses"] * 1e6
        for label, s in sizes.items()
    }
    first = next(iter(per_response.values()))
    growth = " -> ".join(f"{us:.0f}" for us in per_response.values())

    rows: dict[str, Any] = {}
    ratio = ours_cold / floor_cold
    rows["cold"] = dict(
        figure="(1) cold `negotiation matrix` / `import yaml, attrs, tabulate`",
        measured=f"{ratio:.2f} ({_ms(ours_cold)} / {_ms(floor_cold)})",
        ratio=ratio,
        target=f"<= {TARGETS['cold']:.2f}",
        result=_verdict(ratio, TARGETS["cold"]),
    )
    ratio = ours_t / yaml_t
    rows["load"] = dict(
        figure=f"(2) load+matrix / C loader, {largest} responses",
        measured=f"{ratio:.2f} ({_ms(ours_t)} / {_ms(yaml_t)}); ours µs/response at "
        f"{', '.join(sizes)}: {growth} (x{per_response[largest] / first:.2f})",
        ratio=ratio,
        target=f"<= {TARGETS['load']:.1f}",
        result=_verdict(ratio, TARGETS["load"]),
    )
    if results["pandas"]:
        pandas_t = _median([r["seconds"] for r in big["pandas"]])
        ratio = ours_t / pandas_t
        rows["pandas"] = dict(
            figure=f"(3) load+matrix / C loader + pandas pivot_table, {largest} responses",
            measured=f"{ratio:.2f} ({_ms(ours_t)} / {_ms(pandas_t)}; pandas {results['pandas']})",
            ratio=ratio,
            target=f"< {TARGETS['pandas']:.1f} (ours faster)",
            result=_verdict(ratio, TARGETS["pandas"], strict=True),
        )
    else:
        rows["pandas"] = dict(
            figure=f"(3) load+matrix / C loader + pandas pivot_table, {largest} responses",
            measured="skipped: pandas is not installed (pip install pandas, or pass "
            "--pandas-path DIR)",
            ratio=None,
            target=f"< {TARGETS['pandas']:.1f} (ours faster)",
            result="skipped",
        )
    ratio = ours_kb / yaml_kb
    rows["memory"] = dict(
        figure=f"(4) peak RSS of load+matrix / C loader, {largest} responses",
        measured=f"{ratio:.2f} ({_mb(ours_kb)} / {_mb(yaml_kb)}; above the imports: "
        f"{_mb(ours_net)} / {_mb(yaml_net)} = {ours_net / yaml_net:.2f})",
        ratio=ratio,
        target=f"<= {TARGETS['memory']:.1f}",
        result=_verdict(ratio, TARGETS["memory"]),
    )
    return rows


def git_commit() -> str:
    """``git rev-parse --short HEAD``, with ``+changes`` if negotiation/ or data/ differ from it.

    Read-only: ``--no-optional-locks`` keeps ``git status`` from refreshing the index.
    """

    def git(*args: str) -> str | None:
        try:
            proc = subprocess.run(
                ["git", "--no-optional-locks", *args],
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
                timeout=20,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return proc.stdout.strip() if proc.returncode == 0 else None

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown"
    changes = git("status", "--porcelain", "--", "negotiation", "data")
    return commit + (" +uncommitted changes in negotiation/ or data/" if changes else "")


def source_digest(package: Path) -> str:
    """A digest of ``package``/*.py: which code was measured, committed or not."""
    h = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, str]:
    """Where the figures were measured."""
    import attrs
    import yaml

    try:
        from yaml import _yaml

        libyaml = str(_yaml.get_version_string())
    except ImportError:
        libyaml = "none (no C loader!)"
    return {
        "cpu": _cpu(),
        "cores": str(os.cpu_count()),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "libraries": f"PyYAML {yaml.__version__} (libyaml {libyaml}), attrs {attrs.__version__}",
    }


def report(results: dict[str, Any], rows: dict[str, Any], info: dict[str, str]) -> str:
    """The printed report: machine, per-size details, and the four figures."""
    from tabulate import tabulate

    kind = "quick: tiny sizes, not figures" if results["quick"] else "full"
    lines = [
        f"negotiation benchmarks ({kind})",
        f"machine: {info['cpu']}, {info['cores']} cores; {info['python']}; {info['platform']}",
        f"libraries: {info['libraries']}"
        + (f", pandas {results['pandas']}" if results["pandas"] else ", pandas not installed"),
        f"commit: {results['commit']}; negotiation/*.py sha256 {results['source_before']}"
        + (" (copied at the start)" if results["snapshot"] else " (measured in place)"),
        "",
        "per size (median of fresh subprocesses; time excludes interpreter start and imports):",
    ]
    detail = []
    for label, s in results["sizes"].items():
        runs = s["runs"]
        ours = _median([r["seconds"] for r in runs["ours"]])
        base = _median([r["seconds"] for r in runs["yaml"]])
        row = [
            label,
            f"{s['shape'][0]}x{s['shape'][1]}x{s['shape'][2]}",
            f"{s['bytes'] / 1e6:.1f} MB",
            len(runs["ours"]),
            _ms(ours),
            _ms(base),
            f"{ours / base:.2f}",
            f"{ours / s['responses'] * 1e6:.0f}",
            f"{base / s['responses'] * 1e6:.0f}",
        ]
        if "pandas" in runs:
            pandas_t = _median([r["seconds"] for r in runs["pandas"]])
            row += [_ms(pandas_t), f"{ours / pandas_t:.2f}"]
        else:
            row += ["-", "-"]
        row += [
            _mb(_median([r["maxrss_kb"] for r in runs["ours"]])),
            _mb(_median([r["maxrss_kb"] for r in runs["yaml"]])),
        ]
        detail.append(row)
    lines.append(
        tabulate(
            detail,
            headers=[
                "responses",
                "NxMxR",
                "file",
                "runs",
                "ours",
                "C loader",
                "ratio",
                "ours µs/resp",
                "C µs/resp",
                "pandas",
                "ours/pandas",
                "ours peak",
                "C peak",
            ],
            tablefmt="github",
        )
    )
    cold = results["cold"]
    lines += [
        "",
        f"cold start: {len(cold['ours'])} interleaved pairs; ours "
        f"{_ms(min(cold['ours']))}..{_ms(max(cold['ours']))}, floor "
        f"{_ms(min(cold['floor']))}..{_ms(max(cold['floor']))}",
        "",
    ]
    lines.append(
        tabulate(
            [[r["figure"], r["measured"], r["target"], r["result"]] for r in rows.values()],
            headers=["figure", "measured (ratio, ours / baseline)", "target", "result"],
            tablefmt="github",
        )
    )
    if results["source_after"] != results["source_before"]:
        lines += [
            "",
            f"WARNING: negotiation/*.py changed during the run (sha256 "
            f"{results['source_before']} -> {results['source_after']}): the figures "
            "mix two versions of the code; run again without --no-snapshot",
        ]
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not results["snapshot"]:
        lines += [
            "",
            "note: PYTHONDONTWRITEBYTECODE is set: if negotiation's byte-code caches "
            "are stale, the cold start (1) includes compiling it",
        ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes and few repeats: checks that everything runs",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        metavar="N",
        help="repetitions of every measurement (default: per size)",
    )
    parser.add_argument(
        "--pandas-path",
        metavar="DIR",
        help="a directory to put on PYTHONPATH for the pandas comparison only "
        "(e.g. from `pip install --target DIR pandas`)",
    )
    parser.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="measure the negotiation that `import negotiation` finds, in "
        "place (default: a copy of the checkout's negotiation/ and data/ "
        "taken at the start, laid out as installed and byte-compiled)",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures to FILE")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a target is missed (default: always 0)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("--worker", nargs=2, metavar=("TASK", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return _worker(*args.worker)

    results = measure(args.quick, args.pandas_path, args.quiet, args.repeats, args.snapshot)
    rows = summarize(results)
    info = machine()
    print(report(results, rows, info))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"machine": info, "results": results, "figures": rows}, f, indent=1)
    if args.check and any(r["result"] == "FAIL" for r in rows.values()):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
