"""Geometry of a bar chart with a value axis, in whole SVG units.

Pure numbers, no markup: the build's template and the browser's bridge both draw
the same shapes from it, so the chart cannot differ between them.
"""

from __future__ import annotations

from . import text

MAX_BARS = 12  # more weeks than this: every n-th week is drawn, so a phone can read it
BAR_STEP = 24
BAR_WIDTH = 16
LEFT = 34  # room for the axis values
TOP = 26  # room for the axis name and the value above the tallest bar
PLOT = 100  # height of the tallest bar
BOTTOM = 18  # room for the week numbers
TICK_STEPS = (1, 2, 5, 10, 15, 20, 30, 60)


def _tick_step(top: int) -> int:
    return next(step for step in TICK_STEPS if top / step <= 4)


def bar_chart(
    values: list[int], labels: list[str], unit: str, axis: str, item: str, marked: int | None = None
) -> dict | None:
    """Bars for positive values, or None for fewer than two (one bar says nothing).

    marked: the index of the bar to mark (this week); it is always drawn, and the caption
    names it, so the chart never marks another week than the table.
    """
    count = len(values)
    if count < 2:
        return None
    every = -(-count // MAX_BARS)
    shown = list(range(0, count, every))
    if shown[-1] != count - 1:
        shown.append(count - 1)
    extra = marked is not None and marked not in shown
    if extra:
        shown = sorted([*shown, marked])
    top = max(values)
    base = TOP + PLOT
    bars = []
    for slot, index in enumerate(shown):
        height = round(values[index] / top * PLOT)
        x = LEFT + slot * BAR_STEP + (BAR_STEP - BAR_WIDTH) // 2
        bars.append(
            {"x": x, "y": base - height, "width": BAR_WIDTH, "height": height,
             "center": x + BAR_WIDTH // 2, "value": values[index], "label": labels[index],
             "marked": index == marked}
        )  # fmt: skip
    ticks = [{"value": value, "y": base - round(value / top * PLOT)} for value in range(0, top + 1, _tick_step(top))]
    caption = (
        f"Staafdiagram van de {axis}: van {values[0]} {unit} in {item} {labels[0]} "
        f"tot {values[-1]} {unit} in {item} {labels[-1]}"
    )
    if every > 1:
        caption += f"; getekend is elke {text.ordinal(every)} {item} en de laatste"
        if extra:
            caption += f", en {item} {labels[marked]}"
    if marked is not None:
        caption += f". De staaf van {item} {labels[marked]}, deze {item}, is gemarkeerd"
    return {
        "width": LEFT + len(shown) * BAR_STEP + 4,
        "height": base + BOTTOM,
        "left": LEFT,
        "base": base,
        "axis": axis,
        "bars": bars,
        "ticks": ticks,
        "caption": caption + ".",
    }
