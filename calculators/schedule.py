"""Dagschema: spread a day's walking over morning, afternoon and evening.

The article's schedule for 35 minutes: ochtend 10, middag 5, avond twee keer 10,
and at the weekend "iets langere wandeling, maar niet ineens veel meer".
"""

from __future__ import annotations

from .schema import INTEGER, TIME, Field, Schema

MIN_WALK = 3
DAY = 24 * 60
MIN_AWAKE = 6 * 60
BEFORE_BED = 30
GAP = 15

TIPS = {
    "ochtend": "Rustig wandelen, rustige ademhaling laten zakken.",
    "middag": "Korte wandelpauze, ritme gebruiken om spanning te doorbreken.",
    "avond": "Voor slaapkwaliteit, eventueel gecombineerd met lage ademhaling.",
    "weekend": "Iets langere wandeling, maar niet ineens veel meer. Variatie in tempo en ondergrond.",
}

# (part, weight, share of the waking day at which the walk starts) for the
# article's four walks: 10, 5, 10 and 10 minutes of 35.
SLOTS = (
    ("ochtend", 2, None),
    ("middag", 1, 0.36),
    ("avond", 2, 0.75),
    ("avond", 2, 0.88),
)
# Which of the slots to use when the day is too short for four walks of three minutes.
SLOTS_FOR_COUNT = {1: (0,), 2: (0, 2), 3: (0, 1, 2), 4: (0, 1, 2, 3)}

SCHEMA = Schema(
    name="schedule",
    title="Dagschema voor wandelen",
    fields=(
        Field(
            "daily_minutes",
            INTEGER,
            "Wandeltijd per dag",
            "Hoeveel minuten wil je per doordeweekse dag wandelen, alle wandelingen samen?",
            unit="minuten",
            default=35,
            min=5,
            max=120,
        ),
        Field("wake_time", TIME, "Opstaan", "Hoe laat sta je meestal op?", default="07:30"),
        Field("bed_time", TIME, "Naar bed", "Hoe laat ga je meestal naar bed?", default="23:00"),
    ),
)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _round(minutes: float, to: int) -> int:
    return int(minutes / to + 0.5) * to


def split_by_weight(total: int, weights: list[int]) -> list[int]:
    """Share total by weights (largest remainder), then lift walks below MIN_WALK."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    while min(shares) < MIN_WALK:
        short = shares.index(min(shares))
        shares[shares.index(max(shares))] -= 1
        shares[short] += 1
    return shares


def _place(targets: list[int], lengths: list[int], wake: int, bed: int) -> list[int]:
    """Start times near the targets, in order, apart, the last one ending before bed."""
    starts: list[int] = []
    for target, previous in zip(targets, [None, *lengths[:-1]]):
        earliest = wake if not starts else starts[-1] + previous + GAP
        starts.append(max(target, earliest))
    latest_end = bed - BEFORE_BED
    for i in reversed(range(len(starts))):
        starts[i] = min(starts[i], latest_end - lengths[i])
        latest_end = starts[i] - GAP
    return starts


def _walks(parts: list[str], starts: list[int], lengths: list[int], tips: list[str]) -> list[dict]:
    return [
        {"part": part, "time": _clock(start), "minutes": length, "tip": tip}
        for part, start, length, tip in zip(parts, starts, lengths, tips)
    ]


def check(p: dict) -> list[dict]:
    """Cross-field rule: the waking day must hold the walks with room to spare."""
    wake, bed = _minutes(p["wake_time"]), _minutes(p["bed_time"])
    awake = (bed - wake) % DAY
    if awake < MIN_AWAKE:
        return [
            {
                "field": "bed_time",
                "message": (
                    f"Naar bed: tussen opstaan en naar bed gaan moet minstens "
                    f"{MIN_AWAKE // 60} uur zitten, zodat de wandelingen over de dag "
                    "verdeeld kunnen worden."
                ),
            }
        ]
    return []


def compute(p: dict) -> dict:
    total = p["daily_minutes"]
    wake = _minutes(p["wake_time"])
    bed = wake + (_minutes(p["bed_time"]) - wake) % DAY
    awake = bed - wake

    chosen = [SLOTS[i] for i in SLOTS_FOR_COUNT[min(4, total // MIN_WALK)]]
    parts = [part for part, _, _ in chosen]
    lengths = split_by_weight(total, [weight for _, weight, _ in chosen])
    targets = [wake + 30 if share is None else wake + _round(awake * share, 15) for _, _, share in chosen]
    starts = _place(targets, lengths, wake, bed)
    weekday = _walks(parts, starts, lengths, [TIPS[part] for part in parts])

    # Weekend: the morning and afternoon walks become one longer walk, plus at most
    # a quarter extra: "iets langere wandeling, maar niet ineens veel meer".
    extra = total // 4
    evening = [i for i, part in enumerate(parts) if part == "avond"]
    long_walk = total + extra - sum(lengths[i] for i in evening)
    weekend_parts = ["ochtend", *(parts[i] for i in evening)]
    weekend_lengths = [long_walk, *(lengths[i] for i in evening)]
    weekend_targets = [wake + 90, *(targets[i] for i in evening)]
    weekend = _walks(
        weekend_parts,
        _place(weekend_targets, weekend_lengths, wake, bed),
        weekend_lengths,
        [TIPS["weekend"], *(TIPS["avond"] for _ in evening)],
    )

    weekend_total = sum(weekend_lengths)
    summary = (
        f"Doordeweeks {len(weekday)} {'wandeling' if len(weekday) == 1 else 'wandelingen'} "
        f"van samen {total} minuten; in het weekend een langere wandeling van "
        f"{long_walk} minuten, samen {weekend_total} minuten."
    )
    notes = [
        "Dit is het schema dat het Rugcentrum Hilversum vaak gebruikt in de praktijk, "
        "verdeeld over jouw dag.",
        "Tempo dat ontspannen voelt: wandelen is een herstelprikkel, geen workout.",
    ]
    return {"weekday": weekday, "weekend": weekend, "summary": summary, "notes": notes}
