"""Plots of an evidence's series as inline SVG (matplotlib), for ``report.html``.

A check that has a picture to show stores it in its evidence's ``details["plots"]``: a list
of ``{"title", "xlabel", "ylabel", "logx", "logy", "lines": [{"label", "x", "y",
"style"}]}`` with ``style`` one of ``line``, ``dashed``, ``points``. :func:`plot_spec`
builds such a record (thinned to at most ``max_points`` points a line); :func:`svg`
draws it.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

import numpy as np


def _thin(x: Sequence[float], y: Sequence[float], max_points: int) -> tuple[list, list]:
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.size > max_points:
        idx = np.unique(np.linspace(0, xa.size - 1, max_points).round().astype(int))
        xa, ya = xa[idx], ya[idx]
    return [float(v) for v in xa], [float(v) if math.isfinite(v) else None for v in ya]


def line(label: str, x: Sequence[float], y: Sequence[float], style: str = "line",
         max_points: int = 200) -> dict[str, Any]:
    """One line of a plot (thinned to ``max_points`` points)."""
    xs, ys = _thin(x, y, max_points)
    return {"label": label, "x": xs, "y": ys, "style": style}


def plot_spec(title: str, xlabel: str, ylabel: str, lines: list[dict[str, Any]],
              logx: bool = False, logy: bool = False) -> dict[str, Any]:
    """A plot record for ``details["plots"]``."""
    return {"title": title, "xlabel": xlabel, "ylabel": ylabel, "logx": logx, "logy": logy,
            "lines": lines}


def svg(spec: dict[str, Any]) -> str:
    """The plot as an ``<svg>`` element (no XML header), 6×3.2 inches."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.2))
    try:
        for ln in spec["lines"]:
            x = np.asarray(ln["x"], dtype=float)
            y = np.asarray([np.nan if v is None else v for v in ln["y"]], dtype=float)
            style = ln.get("style", "line")
            if style == "points":
                ax.plot(x, y, "o", ms=3, label=ln["label"])
            else:
                ax.plot(x, y, "--" if style == "dashed" else "-", lw=1.3, label=ln["label"])
        if spec.get("logx"):
            ax.set_xscale("log")
        if spec.get("logy"):
            ax.set_yscale("log")
        ax.set_title(spec.get("title", ""), fontsize=9)
        ax.set_xlabel(spec.get("xlabel", ""), fontsize=8)
        ax.set_ylabel(spec.get("ylabel", ""), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        if len(spec["lines"]) > 1:
            ax.legend(fontsize=7)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg")
    finally:
        plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]
