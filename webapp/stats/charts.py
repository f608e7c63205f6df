"""Charts rendered on the server as PNG (matplotlib, no browser library, no CDN).

Every chart on a page has its data table beside it, for screen readers and for copying.
"""

from __future__ import annotations

import io

# Colours with enough contrast on white, told apart by position and legend too.
COLOURS = ["#0b4f9c", "#c45100", "#146c43", "#6f42c1", "#a51d2d"]


def _figure(width=7.0, height=3.2):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height), dpi=110)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    return plt, fig, ax


def _png(plt, fig) -> bytes:
    out = io.BytesIO()
    fig.tight_layout()
    fig.savefig(out, format="png", metadata={"Software": None})
    plt.close(fig)
    return out.getvalue()


def bars_by_month(months: list[str], series: dict[str, list[float]]) -> bytes:
    """Grouped bars: one group per month, one bar per series."""
    plt, fig, ax = _figure()
    n = max(len(series), 1)
    width = 0.8 / n
    for i, (name, values) in enumerate(series.items()):
        positions = [m + (i - (n - 1) / 2) * width for m in range(len(months))]
        ax.bar(positions, values, width=width, label=name, color=COLOURS[i % len(COLOURS)])
    ax.set_xticks(range(len(months)), months, fontsize=7, rotation=45, ha="right")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, ncols=n)
    return _png(plt, fig)


def horizontal_bars(labels: list[str], series: dict[str, list[float]]) -> bytes:
    """Side-by-side horizontal bars, e.g. demand and supply per skill."""
    plt, fig, ax = _figure(height=max(2.4, 0.38 * len(labels) + 0.8))
    n = max(len(series), 1)
    height = 0.8 / n
    for i, (name, values) in enumerate(series.items()):
        positions = [y + (i - (n - 1) / 2) * height for y in range(len(labels))]
        ax.barh(positions, values, height=height, label=name, color=COLOURS[i % len(COLOURS)])
    ax.set_yticks(range(len(labels)), [label[:40] for label in labels], fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False)
    return _png(plt, fig)
