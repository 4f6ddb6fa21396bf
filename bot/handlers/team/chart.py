"""A small PNG of one area's turnout curve (matplotlib, Agg backend; no display needed)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .common import Day


def turnout_chart(points: list[tuple[datetime, int]], registered: int, day: Day, *, title: str, ylabel: str) -> bytes:
    """Cumulative turnout in percent of registered voters, slot by slot, from opening (0%) to the last report."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure

    tz = day.tz
    xs = [day.opens.astimezone(tz)] + [slot.astimezone(tz) for slot, _ in points]
    ys = [0.0] + [100.0 * value / registered if registered else 0.0 for _, value in points]
    fig = Figure(figsize=(6, 3.2), dpi=100)
    ax = fig.subplots()
    ax.plot(xs, ys, marker="o", color="#c0392b")
    ax.set_ylim(0, 105)
    ax.set_xlim(day.opens.astimezone(tz), day.closes.astimezone(tz))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=tz))
    ax.set_ylabel(ylabel)
    ax.set_title(title[:80], fontsize=10)
    ax.grid(True, alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
