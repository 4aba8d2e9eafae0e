"""Pictures of the data with matplotlib (the ``[plot]`` extra), readable in greyscale.

Statuses are ordered from agreement to refusal and drawn on a sequential colour map whose
lightness changes monotonically, and each cell also carries its status in letters, so a
printed, greyscale figure loses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import MissingExtraError
from .model import Status

if TYPE_CHECKING:
    from .matrix import StatusMatrix
    from .model import Dataset

__all__ = ["ABBREVIATIONS", "ORDER", "plot_matrix", "plot_timeline"]

#: Statuses from agreement to refusal (the colour scale's order).
ORDER = (
    Status.ACCEPTED,
    Status.COUNTER_PROPOSAL,
    Status.OPEN,
    Status.NOT_ADDRESSED,
    Status.REJECTED,
    Status.PENDING,
)
#: Short labels written in the cells.
ABBREVIATIONS = {
    Status.ACCEPTED: "ACC",
    Status.COUNTER_PROPOSAL: "CTR",
    Status.OPEN: "OPN",
    Status.NOT_ADDRESSED: "N/A",
    Status.REJECTED: "REJ",
    Status.PENDING: "...",
}
_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def _pyplot() -> Any:
    try:
        import matplotlib

        if not _has_display():
            matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError("matplotlib", "plot") from None
    return plt


def _luminance(colour: Any) -> float:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _has_display() -> bool:
    import os

    return bool(os.environ.get("DISPLAY") or os.environ.get("MPLBACKEND"))


def plot_matrix(m: StatusMatrix, ax: Any = None) -> Any:
    """Draw ``m`` as a heatmap (demands as rows, actors as columns); return the Axes."""
    plt = _pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap

    if ax is None:
        _, ax = plt.subplots(figsize=(2.2 + 1.4 * len(m.actors), 1 + 0.32 * len(m.demands)))
    grey = plt.get_cmap("cividis")
    colours = [grey(1 - i / (len(ORDER) - 1)) for i in range(len(ORDER) - 1)] + ["#ffffff"]
    cmap = ListedColormap(colours)
    norm = BoundaryNorm(list(range(len(ORDER) + 1)), cmap.N)
    index = {s: i for i, s in enumerate(ORDER)}
    grid = [[index[m.status(d.id, a.id)] for a in m.actors] for d in m.demands]
    ax.imshow(grid, cmap=cmap, norm=norm, aspect="auto")
    for row, values in enumerate(grid):
        for col, value in enumerate(values):
            ax.text(
                col,
                row,
                ABBREVIATIONS[ORDER[value]],
                ha="center",
                va="center",
                fontsize=8,
                color="white" if _luminance(colours[value]) < 0.45 else "black",
            )
    ax.set_xticks(range(len(m.actors)), [a.name for a in m.actors])
    ax.set_yticks(range(len(m.demands)), [d.id for d in m.demands], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_title(m.caption.split(". ")[0], fontsize=9, pad=24)
    legend = [
        plt.Rectangle(
            (0, 0),
            1,
            1,
            facecolor=colours[i],
            edgecolor="black",
            label=f"{ABBREVIATIONS[s]} {s.value}",
        )
        for i, s in enumerate(ORDER)
    ]
    ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False)
    return ax


def plot_timeline(ds: Dataset, actors: Any = None, ax: Any = None) -> Any:
    """Draw every dated response per demand (x: date, y: demand); return the Axes.

    Each actor has its own marker shape; the status is written beside each point.
    """
    plt = _pyplot()
    chosen = ds.select_actors(actors)
    demands = list(ds.demands)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 1 + 0.32 * len(demands)))
    rows = {d.id: i for i, d in enumerate(demands)}
    for k, actor in enumerate(chosen):
        # One point per demand and day: the response the cell rule takes on that day.
        last = {
            (r.demand, r.date): r for r in ds.responses if r.actor == actor.id and r.demand in rows
        }
        points = list(last.values())
        offset = (k - (len(chosen) - 1) / 2) * 0.22
        ax.scatter(
            [r.date for r in points],
            [rows[r.demand] + offset for r in points],
            marker=_MARKERS[k % len(_MARKERS)],
            facecolor="white",
            edgecolor="black",
            label=actor.name,
            zorder=3,
        )
        for r in points:
            ax.annotate(
                ABBREVIATIONS[r.status],
                (r.date, rows[r.demand] + offset),
                textcoords="offset points",
                xytext=(5, -3),
                fontsize=6,
            )
    ax.scatter(
        [d.raised for d in demands],
        list(range(len(demands))),
        marker="|",
        color="black",
        label="raised",
        zorder=2,
    )
    ax.set_yticks(range(len(demands)), [d.id for d in demands], fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#cccccc", linewidth=0.5)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title(f"{ds.name or 'Negotiation'}: dated responses", fontsize=9)
    ax.figure.autofmt_xdate()
    return ax
