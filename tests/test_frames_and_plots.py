"""pandas frames and matplotlib figures (the [pandas] and [plot] extras, both in [test])."""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

import negotiation as ng


def test_to_pandas_wide(bundled):
    m = bundled.matrix()
    frame = m.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.index) == [d.id for d in bundled.demands]
    assert list(frame.columns) == ["us", "nato"]
    assert frame.loc["nato-non-enlargement", "nato"] == "rejected"
    assert frame.attrs["caption"] == m.caption


def test_to_pandas_tidy(bundled):
    frame = bundled.matrix().to_pandas(tidy=True)
    assert len(frame) == 2 * len(bundled.demands)
    assert {"demand", "actor", "status", "date", "source", "url", "quote"} <= set(frame.columns)


def test_missing_pandas_names_the_extra(bundled, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ng.MissingExtraError, match=r"pip install 'negotiation\[pandas\]'"):
        bundled.matrix().to_pandas()


def test_missing_matplotlib_names_the_extra(bundled, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"pip install 'negotiation\[plot\]'"):
        bundled.matrix().plot()


def test_plot_saves_a_png(bundled, tmp_path):
    ax = bundled.matrix().plot()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [d.id for d in bundled.demands]
    texts = {t.get_text() for t in ax.texts}
    assert {"REJ", "CTR", "ACC"} <= texts  # the status is written, not only coloured
    out = tmp_path / "matrix.png"
    ax.figure.savefig(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_plot_is_readable_in_greyscale(bundled):
    from matplotlib.colors import to_rgb

    from negotiation.plot import ORDER

    ax = bundled.matrix().plot()
    legend = ax.get_legend().get_patches()
    grey = [
        sum(w * c for w, c in zip((0.2126, 0.7152, 0.0722), to_rgb(p.get_facecolor())))
        for p in legend[: len(ORDER) - 1]
    ]
    assert grey == sorted(grey, reverse=True)  # lightness falls from accepted to rejected
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_plot_timeline(bundled, tmp_path):
    ax = bundled.plot_timeline()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "United States",
        "NATO",
        "raised",
    ]
    ax.figure.savefig(tmp_path / "timeline.png")
    assert (tmp_path / "timeline.png").stat().st_size > 10_000
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_notebook_reprs(bundled):
    m = bundled.matrix()
    page = m._repr_html_()
    assert '<table id="matrix">' in page and m.caption in page
    assert 'style="background:#d73027;' in page and ">rejected</td>" in page  # colour and word
    assert page.count("<li>") == len(ng.Status)  # the legend
    demand = bundled.demand("hotlines")
    assert "Telephone hotlines shall be established" in demand._repr_html_()
    explanation = bundled.explain("hotlines", "nato")
    assert explanation._repr_html_().startswith('<section id="hotlines">')
    assert str(explanation).startswith("hotlines: Emergency telephone hotlines")
