"""The turnout chart a chair gets with /tonghop: turnout (%) over the day by sub-unit, a PNG readable on a phone.

matplotlib with the Agg backend (no display), imported on first use; DejaVu Sans has the Vietnamese letters.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from bot.i18n import N_, Translator

MAX_LINES = 8
WIDTH_PX, HEIGHT_PX, DPI = 1000, 700, 100


def render_turnout_chart(
    tr: Translator,
    title: str,
    slots: Sequence[datetime],
    total: tuple[str, Sequence[Decimal | None]],
    groups: Sequence[tuple[str, Sequence[Decimal | None]]],
) -> bytes:
    """A line per group (at most ``MAX_LINES``, the lowest at the last slot first) and a thick line for the total."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    def last_value(values: Sequence[Decimal | None]) -> Decimal:
        known = [v for v in values if v is not None]
        return known[-1] if known else Decimal(-1)

    shown = sorted(groups, key=lambda g: last_value(g[1]))[:MAX_LINES]
    x = list(range(len(slots)))
    fig, ax = plt.subplots(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    try:
        for name, values in shown:
            ax.plot(x, [float(v) if v is not None else None for v in values], marker="o", linewidth=1.6, label=name)
        name, values = total
        ax.plot(
            x,
            [float(v) if v is not None else None for v in values],
            color="black",
            linewidth=3.2,
            marker="s",
            label=name,
        )
        ax.set_title(title, fontsize=16)
        ax.set_xlabel(tr.gettext(N_("Giờ")), fontsize=13)
        ax.set_ylabel(tr.gettext(N_("Tỉ lệ cử tri đã bỏ phiếu")), fontsize=13)
        ax.set_xticks(x)
        ax.set_xticklabels([tr.time(s) for s in slots], fontsize=11, rotation=45 if len(slots) > 8 else 0)
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: tr.percent(Decimal(int(v)), 0)))
        ax.tick_params(axis="y", labelsize=11)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="lower right", fontsize=11, framealpha=0.9)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
        return buf.getvalue()
    finally:
        plt.close(fig)
