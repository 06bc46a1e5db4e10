"""The calculators package: the article's worked examples and properties over all inputs."""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators import progression
from calculators.schedule import MIN_WALK

# ---- worked examples from the article --------------------------------------------


def test_ten_to_thirty_minutes_in_small_steps():
    result = calculators.calculate("progression", {"current_minutes": 10, "goal_minutes": 30})
    assert result["ok"] is True
    minutes = [w["minutes_per_day"] for w in result["weeks"]]
    assert minutes == [10, 13, 16, 19, 22, 25, 28, 30]
    assert result["weeks"][0]["blocks"] == [5, 5]  # "in twee of drie blokjes"
    assert result["params"] == {"current_minutes": 10, "goal_minutes": 30, "weekly_increase": 3, "blocks_per_day": 2}
    assert "8 weken" in result["summary"]


def test_the_articles_35_minute_day():
    result = calculators.calculate("schedule", {})
    weekday = [(w["part"], w["minutes"]) for w in result["weekday"]]
    assert weekday == [("ochtend", 10), ("middag", 5), ("avond", 10), ("avond", 10)]
    assert [w["time"] for w in result["weekday"]] == sorted(w["time"] for w in result["weekday"])
    assert "ademhaling" in result["weekday"][0]["tip"]
    assert "ondergrond" in result["weekend"][0]["tip"]


def test_three_in_five_out_breathing():
    result = calculators.calculate("breathing", {"cadence": 100, "inhale_steps": 3, "exhale_steps": 5})
    assert result["ok"] is True
    assert result["breaths_per_minute"] == 12.5
    assert result["seconds_per_breath"] == 4.8
    assert (result["inhale_seconds"], result["exhale_seconds"]) == (1.8, 3.0)
    assert "12,5" in result["summary"]


# ---- progression rules ----------------------------------------------------------


def test_an_exhale_as_long_as_the_inhale_is_calculated_with_the_article_s_example():
    """The article's 3-in / 4-5-out is an example, not a rule that refuses other rhythms."""
    result = calculators.calculate("breathing", {"inhale_steps": 4, "exhale_steps": 4})
    assert result["ok"] is True and result["breaths_per_minute"] == 12.5 and result["calm"] is True
    assert "drie stappen inademen, vier tot vijf stappen uitademen" in result["notes"][1]
    assert not any("moet" in text for text in (result["summary"], *result["notes"]))


def test_hurried_breathing_is_not_called_calm():
    """Issue 17: 140 steps a minute, 2 in, 3 out is 28 breaths a minute and a 0,9 s inhale."""
    result = calculators.calculate("breathing", {"cadence": 140, "inhale_steps": 2, "exhale_steps": 3})
    assert result["calm"] is False
    assert result["summary"] == (
        "Adem in over 2 stappen en uit over 3 stappen: dat is 28 ademhalingen per minuut. Dat is geen rustig ademritme."
    )
    assert result["advice"] == (
        "Let op: 28 ademhalingen per minuut is meer dan 20 en inademen duurt maar 0,9 seconden, "
        "korter dan 1 seconde. Probeer het voorbeeld uit het artikel: 3 stappen inademen en 4 stappen uitademen. "
        "Bij 140 stappen per minuut is dat 20 ademhalingen per minuut."
    )
    assert not any("ontspanning" in note for note in result["notes"])  # the calm-exhale sentence is not beside it
    # The summary, the advice and the table write each figure the same way.
    assert result["figures"][0] == {"name": "Ademhalingen per minuut", "value": "28"}
    assert [f["value"] for f in result["figures"]] == ["28", "2,1", "0,9", "1,3"]


@pytest.mark.parametrize(
    ("params", "reason", "suggested"),
    [
        ({"cadence": 105, "inhale_steps": 2, "exhale_steps": 3}, "21 ademhalingen per minuut is meer dan 20", "3 stappen inademen en 4"),
        ({"cadence": 130, "inhale_steps": 2, "exhale_steps": 8}, "0,9 seconden", "3 stappen inademen en 5"),
    ],
)
def test_the_nearest_calm_rhythm_of_the_article_is_suggested(params, reason, suggested):
    result = calculators.calculate("breathing", params)
    assert result["calm"] is False and reason in result["advice"] and suggested in result["advice"]


def test_the_calm_thresholds_go_by_the_figures_as_shown():
    at_twenty = calculators.calculate("breathing", {"cadence": 140, "inhale_steps": 3, "exhale_steps": 4})
    assert (at_twenty["breaths_per_minute"], at_twenty["calm"], at_twenty["advice"]) == (20.0, True, "")
    # 2 x 60 / 121 = 0,99 s, shown as 1: not called shorter than a second.
    shown_as_one = calculators.calculate("breathing", {"cadence": 121, "inhale_steps": 2, "exhale_steps": 5})
    assert (shown_as_one["inhale_seconds"], shown_as_one["calm"]) == (1.0, True)


def test_last_week_adjusts_the_first_week():
    base = {"current_minutes": 10, "goal_minutes": 30, "weekly_increase": 3}
    goed = calculators.calculate("progression", {**base, "last_week": "goed"})["weeks"]
    wisselend = calculators.calculate("progression", {**base, "last_week": "wisselend"})["weeks"]
    zwaar = calculators.calculate("progression", {**base, "last_week": "zwaar"})
    assert goed[0]["minutes_per_day"] == 13
    assert [w["minutes_per_day"] for w in wisselend[:2]] == [10, 13]
    assert zwaar["weeks"][0]["minutes_per_day"] == 7
    assert any("contact" in note for note in zwaar["notes"])
    # The step back keeps the 3-minute floor of a block; under it nobody starts.
    low = calculators.calculate("progression", {"current_minutes": 4, "weekly_increase": 5, "last_week": "zwaar"})
    assert low["weeks"][0]["minutes_per_day"] == 3 and low["weeks"][0]["blocks"] == [3]
    assert calculators.calculate("progression", {"current_minutes": 2})["errors"][0]["field"] == "current_minutes"


def test_start_dates_are_weekly():
    weeks = calculators.calculate("progression", {"start_date": "2026-12-28"})["weeks"]
    assert [w["start_date"] for w in weeks[:3]] == ["2026-12-28", "2027-01-04", "2027-01-11"]
    assert "start_date" not in calculators.calculate("progression", {})["weeks"][0]


def test_already_at_goal_keeps_it_up():
    result = calculators.calculate("progression", {"current_minutes": 40, "goal_minutes": 30})
    assert [w["minutes_per_day"] for w in result["weeks"]] == [40]
    assert any("Houd dit niveau vol" in note for note in result["notes"])
    assert calculators.calculate("progression", {"current_minutes": 30, "goal_minutes": 30})["weeks"][0]["week"] == 1


def test_too_big_weekly_increase_says_why():
    result = calculators.calculate("progression", {"weekly_increase": 10})
    assert result["ok"] is False
    assert result["errors"][0]["field"] == "weekly_increase"
    assert "niet ineens van tien naar dertig minuten" in result["errors"][0]["message"]


progression_inputs = st.fixed_dictionaries(
    {
        "current_minutes": st.integers(3, 120),
        "goal_minutes": st.integers(5, 120),
        "weekly_increase": st.integers(1, 5),
        "blocks_per_day": st.integers(1, 4),
    },
    optional={
        "last_week": st.sampled_from(["goed", "wisselend", "zwaar"]),
        "start_date": st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)).map(dt.date.isoformat),
    },
)


@given(progression_inputs)
def test_progression_rules_hold_everywhere(params):
    result = calculators.calculate("progression", params)
    assert result["ok"] is True
    weeks = result["weeks"]
    minutes = [w["minutes_per_day"] for w in weeks]
    current, goal, step = params["current_minutes"], params["goal_minutes"], params["weekly_increase"]
    assert [w["week"] for w in weeks] == list(range(1, len(weeks) + 1))
    level = max(current, goal)  # at or above the goal, today's level is kept
    last_week = params.get("last_week")
    expected_first = {None: current, "wisselend": current, "goed": min(current + step, level),
                      "zwaar": max(3, current - step)}[last_week]  # fmt: skip
    assert minutes[0] == expected_first
    assert minutes[-1] == level
    for before, after in zip(minutes, minutes[1:]):
        assert 0 < after - before <= step
        assert after - before == step or after == level
    for week in weeks:
        blocks = week["blocks"]
        assert sum(blocks) == week["minutes_per_day"]
        assert 1 <= len(blocks) <= params["blocks_per_day"]
        assert max(blocks) - min(blocks) <= 1
        assert min(blocks) >= 3  # the floor, in every week of every plan
        if week["minutes_per_day"] < 6:
            assert len(blocks) == 1
        assert ("start_date" in week) == ("start_date" in params)
    # Every adjustment says why, "Goed" included; so does a day with fewer blocks than asked.
    notes = result["notes"]
    if last_week:
        why = [note for note in notes if note.startswith(f"De afgelopen week ging {last_week}")]
        assert len(why) == 1 and f"{minutes[0]} minu" in why[0], notes
    else:
        assert not any("afgelopen week" in note for note in notes)
    fewer = [w["week"] for w in weeks if len(w["blocks"]) < params["blocks_per_day"]]
    assert any("minder dan" in note or "één keer per dag" in note for note in notes) == bool(fewer)
    if fewer:
        assert any(f"week {fewer[0]}" in note and "minstens 3 minuten" in note for note in notes)
    # One walk is named as one walk, never as "blokjes".
    assert all(not w["blocks"][1:] or "blokjes" in progression.blocks_text(w["blocks"]) for w in weeks)
    assert all(w["blocks"][1:] or progression.blocks_text(w["blocks"]).startswith("Eén wandeling") for w in weeks)
    assert result["refer"] == (last_week == "zwaar")
    if last_week == "zwaar":
        assert any("contact" in note for note in notes)
    # The chart: none for one week; otherwise at most 13 readable bars from the plan, first and last week included.
    chart = result["chart"]
    if len(weeks) == 1:
        assert chart is None
    else:
        bars = chart["bars"]
        assert 2 <= len(bars) <= 13
        assert [bars[0]["value"], bars[-1]["value"]] == [minutes[0], minutes[-1]]
        assert all(bar["value"] == minutes[int(bar["label"]) - 1] for bar in bars)
        assert max(bar["height"] for bar in bars) == 100
        assert [t["value"] for t in chart["ticks"]] == sorted(t["value"] for t in chart["ticks"])
        assert chart["ticks"][0] == {"value": 0, "y": chart["base"]}


def test_every_last_week_answer_has_a_note():
    base = {"current_minutes": 10, "goal_minutes": 30, "weekly_increase": 3}
    goed = calculators.calculate("progression", {**base, "last_week": "goed"})
    assert "De afgelopen week ging goed: je gaat in week 1 een stap hoger, naar 13 minuten per dag." in goed["notes"]
    at_goal = calculators.calculate("progression", {**base, "current_minutes": 30, "last_week": "goed"})
    assert [w["minutes_per_day"] for w in at_goal["weeks"]] == [30]
    assert "De afgelopen week ging goed. Je zit al op je doel: houd 30 minuten per dag vol." in at_goal["notes"]
    assert not any("hoger hoeft niet" in note for note in at_goal["notes"])  # a claim of the site's own: gone
    lowest = calculators.calculate("progression", {**base, "current_minutes": 3, "last_week": "zwaar"})
    assert any("blijft op 3 minuten per dag" in note for note in lowest["notes"])


def test_fewer_blocks_than_asked_says_why():
    result = calculators.calculate("progression", {"current_minutes": 5, "goal_minutes": 12, "blocks_per_day": 3})
    assert [len(w["blocks"]) for w in result["weeks"]] == [1, 2, 3, 3]  # 5, 8, 11, 12 minutes
    assert "In week 1 tot en met 2 zijn het minder dan 3 blokjes per dag: een blokje duurt minstens 3 minuten." in result["notes"]


def test_long_plans_draw_a_readable_chart():
    result = calculators.calculate("progression", {"current_minutes": 10, "goal_minutes": 120, "weekly_increase": 1})
    assert len(result["weeks"]) == 111
    chart = result["chart"]
    assert len(chart["bars"]) == 12 and chart["bars"][-1]["label"] == "111"
    assert "getekend is elke tiende week en de laatste" in chart["caption"]
    assert calculators.calculate("progression", {"current_minutes": 30})["chart"] is None


# ---- schedule rules -------------------------------------------------------------


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


PARTS = {range(0, 360): "nacht", range(360, 720): "ochtend", range(720, 1080): "middag", range(1080, 1440): "avond"}


@given(st.integers(5, 120), times, times)
@settings(max_examples=300)
def test_schedule_rules_hold_everywhere(daily, wake, bed):
    result = calculators.calculate("schedule", {"daily_minutes": daily, "wake_time": wake, "bed_time": bed})
    awake = (_clock(bed) - _clock(wake)) % (24 * 60) or 24 * 60
    if not 6 * 60 <= awake <= 20 * 60:
        assert result["ok"] is False
        assert result["errors"][0]["field"] == "bed_time"
        if awake > 20 * 60:
            assert result["errors"][0]["message"].startswith(f"Naar bed om {bed} ligt vlak voor het opstaan. Bedoel je ")
        return
    assert result["ok"] is True
    weekday, weekend = result["weekday"], result["weekend"]
    assert sum(w["minutes"] for w in weekday) == daily
    assert all(w["minutes"] >= MIN_WALK for w in weekday)
    if daily == 10:
        assert len(weekday) in (2, 3)
    for day in (weekday, weekend):
        # Minutes after waking, so that days past midnight stay in order.
        starts = [(_clock(w["time"]) - _clock(wake)) % (24 * 60) for w in day]
        assert starts == sorted(starts)
        for walk, start in zip(day, starts):
            assert 0 <= start and start + walk["minutes"] <= awake - 30
            # The label follows the clock, not the walk's place in the day.
            assert walk["part"] == next(part for hours, part in PARTS.items() if _clock(walk["time"]) in hours)
        assert all(w["tip"] for w in day)
    # Weekend: the weekday walks stay; the first is a quarter longer, 1 to 10 minutes more.
    weekday_total, weekend_total = daily, sum(w["minutes"] for w in weekend)
    assert len(weekend) == len(weekday)
    assert [w["minutes"] for w in weekend[1:]] == [w["minutes"] for w in weekday[1:]]
    extra = weekend[0]["minutes"] - weekday[0]["minutes"]
    assert 1 <= extra <= 10 and abs(extra - weekday[0]["minutes"] / 4) <= 0.5 or extra in (1, 10)
    assert weekend_total <= 1.25 * weekday_total + 1
    assert max(w["minutes"] for w in weekend) <= max(w["minutes"] for w in weekday) + 10
    if len(weekday) == 1:
        assert "samen" not in result["summary"] and "1 wandeling van" in result["summary"]


@pytest.mark.parametrize(
    ("wake", "bed", "message"),
    [
        ("10:00", "09:00", "Naar bed om 09:00 ligt vlak voor het opstaan. Bedoel je 21:00?"),
        ("07:00", "07:00", "Naar bed om 07:00 ligt vlak voor het opstaan. Bedoel je 19:00?"),
        ("07:00", "11:00", "moet minstens 6 uur zitten, zodat de wandelingen over de dag verdeeld kunnen worden. Bedoel je 23:00?"),
    ],
)
def test_an_unlikely_waking_day_is_refused_with_the_likely_time(wake, bed, message):
    result = calculators.calculate("schedule", {"wake_time": wake, "bed_time": bed})
    assert result["ok"] is False and result["errors"][0]["field"] == "bed_time"
    assert message in result["errors"][0]["message"]


def test_a_night_shift_day_reads_right():
    result = calculators.calculate("schedule", {"wake_time": "23:30", "bed_time": "07:00"})
    assert [(w["time"], w["part"]) for w in result["weekday"]] == [
        ("00:00", "nacht"), ("02:15", "nacht"), ("05:15", "nacht"), ("06:00", "ochtend")]  # fmt: skip


def test_weekend_and_one_walk_summaries():
    article = calculators.calculate("schedule", {})
    assert [w["minutes"] for w in article["weekend"]] == [13, 5, 10, 10]
    assert article["summary"] == (
        "Doordeweeks 4 wandelingen van samen 35 minuten; in het weekend wordt de eerste wandeling "
        "3 minuten langer (13 minuten), samen 38 minuten."
    )
    one = calculators.calculate("schedule", {"daily_minutes": 5})
    assert one["summary"] == "Doordeweeks 1 wandeling van 5 minuten; in het weekend wordt die wandeling 1 minuut langer: 6 minuten."
    most = calculators.calculate("schedule", {"daily_minutes": 120})
    assert most["weekend"][0]["minutes"] - most["weekday"][0]["minutes"] == 9


# ---- breathing rules ------------------------------------------------------------


@given(st.integers(60, 140), st.integers(2, 6), st.integers(2, 8))
def test_breathing_rules_hold_everywhere(cadence, inhale, exhale):
    result = calculators.calculate("breathing", {"cadence": cadence, "inhale_steps": inhale, "exhale_steps": exhale})
    assert result["ok"] is True  # every rhythm within the fields' limits is calculated
    assert math.isclose(result["breaths_per_minute"], cadence / (inhale + exhale), abs_tol=0.05 + 1e-9)
    assert math.isclose(result["inhale_seconds"], inhale * 60 / cadence, abs_tol=0.05 + 1e-9)
    assert math.isclose(result["exhale_seconds"], exhale * 60 / cadence, abs_tol=0.05 + 1e-9)
    assert math.isclose(result["seconds_per_breath"], (inhale + exhale) * 60 / cadence, abs_tol=0.05 + 1e-9)
    for key in ("breaths_per_minute", "seconds_per_breath", "inhale_seconds", "exhale_seconds"):
        assert round(result[key], 1) == result[key]
    # Calm: at most 20 breaths a minute and an inhale of at least a second, as shown.
    hurried = result["breaths_per_minute"] > 20 or result["inhale_seconds"] < 1
    assert result["calm"] is not hurried
    assert bool(result["advice"]) is hurried and ("Dat is geen rustig ademritme." in result["summary"]) is hurried
    if hurried:  # the suggestion is one of the article's rhythms, and calm at this cadence
        suggested = re.search(r"Probeer het voorbeeld uit het artikel: (\d) stappen inademen en (\d) stappen", result["advice"])
        assert suggested and (int(suggested[1]), int(suggested[2])) in ((3, 4), (3, 5))
        again = calculators.calculate("breathing", {"cadence": cadence, "inhale_steps": int(suggested[1]), "exhale_steps": int(suggested[2])})
        assert again["calm"] is True
    # Every figure reads the same in the summary, the advice and the table.
    shown = {f["name"]: f["value"] for f in result["figures"]}
    assert f"dat is {shown['Ademhalingen per minuut']} ademhalingen per minuut" in result["summary"]
    assert f"Inademen duurt zo {shown['Seconden inademen']} seconden" in result["notes"][0]
    assert all(re.fullmatch(r"\d+(,\d)?", value) for value in shown.values())


# ---- input handling and the JSON contract ---------------------------------------


@pytest.mark.parametrize("value", [10, 10.0, "10", " 10 ", "+10", "10.0"])
def test_integers_accept_integral_numbers_and_strings(value):
    assert calculators.calculate("progression", {"current_minutes": value})["params"]["current_minutes"] == 10


@pytest.mark.parametrize("value", [True, 10.5, "10,5", "tien", "", [], {}, float("nan"), float("inf"), "1e3", 10**40, "9" * 5000])
def test_integers_reject_everything_else(value):
    result = calculators.calculate("progression", {"current_minutes": value})
    assert result["ok"] is False
    assert [e["field"] for e in result["errors"]] == ["current_minutes"]
    message = result["errors"][0]["message"]
    assert message.startswith("Nu per dag: ") and message.lower().endswith("vul een aantal minuten in, van 3 tot 120.")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"start_date": "morgen"}, "start_date"),
        ({"last_week": "super"}, "last_week"),
        ({"blocks_per_day": 0}, "blocks_per_day"),
        ({"onbekend": 1}, "onbekend"),
    ],
)
def test_bad_fields_are_named(params, field):
    result = calculators.calculate("progression", params)
    assert [e["field"] for e in result["errors"]] == [field]


@pytest.mark.parametrize("value", ["25:00", "7.30", "", 730, None])
def test_times(value):
    result = calculators.calculate("schedule", {"wake_time": value})
    if value is None:
        assert result["ok"] is True
    else:
        assert result["errors"][0]["field"] == "wake_time"


def test_optional_fields_may_be_empty_or_null():
    for empty in ("", None):
        assert calculators.calculate("progression", {"start_date": empty, "last_week": empty})["ok"] is True


def test_one_error_per_bad_field():
    result = calculators.calculate("progression", {"current_minutes": "x", "goal_minutes": 500, "weekly_increase": 9})
    assert [e["field"] for e in result["errors"]] == ["current_minutes", "goal_minutes", "weekly_increase"]


@pytest.mark.parametrize("name", [None, "onbekend", 3, ["progression"], {"a": 1}])
def test_unknown_calculator(name):
    result = calculators.calculate(name, {})
    assert result["ok"] is False
    assert result["errors"][0]["field"] is None
    assert "progression" in result["errors"][0]["message"]


@pytest.mark.parametrize("params", [[], "x", 3, ["current_minutes"]])
def test_params_must_be_an_object(params):
    result = calculators.calculate("progression", params)
    assert result["errors"] == [{"field": None, "message": result["errors"][0]["message"]}]


def test_an_internal_bug_still_gets_a_dutch_message(monkeypatch):
    monkeypatch.setattr(calculators.breathing, "compute", lambda p: 1 / 0)
    result = calculators.calculate("breathing", {})
    assert result["ok"] is False and "Er ging iets mis" in result["errors"][0]["message"]


def test_describe_lists_every_field():
    from calculators import registry

    assert calculators.BLOCKS == tuple(module.SCHEMA.name for module in registry.PLACEABLE)
    assert calculators.NAMES == (*calculators.BLOCKS, "calendar")  # the action's writer, not a block
    for name in calculators.NAMES:
        schema = calculators.describe(name)
        assert schema["name"] == name and schema["title"]
        for field in schema["fields"]:
            assert {"name", "type", "label", "help", "unit", "default", "min", "max"} <= set(field)
        json.dumps(schema)
    with pytest.raises(ValueError, match="Onbekende rekenhulp"):
        calculators.describe("x")


json_junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.sampled_from(["10", "07:30", "2026-01-01", "goed", "", "1e400", "-0"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)
field_names = st.sampled_from([f["name"] for n in calculators.NAMES for f in calculators.describe(n)["fields"]])


@given(
    st.sampled_from([*calculators.NAMES, "x", None, 1]),
    json_junk | st.dictionaries(field_names | st.text(max_size=5), json_junk, max_size=6),
)
@settings(max_examples=500)
def test_never_raises_always_json(name, params):
    result = calculators.calculate(name, params)
    text = json.dumps(result, allow_nan=False)  # raises on NaN or infinity
    assert json.loads(text) == result
    if result["ok"]:
        assert result["summary"] and isinstance(result["notes"], list)
    else:
        assert result["errors"]
        for error in result["errors"]:
            assert error["message"]
            given = {str(k) for k in params} if isinstance(params, dict) else set()
            assert error["field"] is None or error["field"] in given | {
                f["name"] for f in calculators.describe(name)["fields"]
            }


# ---- this week in a build-up plan -------------------------------------------------


def test_current_week_before_on_inside_and_after_the_plan():
    def week(today, start="2026-01-05", **extra):
        params = {"start_date": start, "today": today, **extra} if start else {"today": today, **extra}
        return calculators.calculate("progression", params)["current_week"]

    assert week("2026-01-04") is None  # the day before the start
    assert week("2026-01-05") == 1  # the start itself
    assert week("2026-01-11") == 1 and week("2026-01-12") == 2
    assert week("2026-02-23") == 8 and week("2026-03-01") == 8  # the last of the 8 weeks (10 to 30, 3 a week)
    assert week("2026-03-02") is None  # the day after the end
    assert week("2026-01-20", start=None) is None  # no start date, no week
    assert calculators.calculate("progression", {"start_date": "2026-01-05"})["current_week"] is None  # no today
    assert calculators.calculate("progression", {"today": "2026-13-01"})["errors"][0]["field"] == "today"
    assert calculators.describe("progression")["fields"][-1]["from_browser"] is True


@given(
    st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
    st.integers(-400, 400),
    st.integers(3, 120),
    st.integers(5, 120),
    st.integers(1, 5),
)
@settings(max_examples=300)
def test_current_week_holds_at_every_boundary(start, offset, current, goal, step):
    today = start + dt.timedelta(days=offset)
    plan = calculators.calculate(
        "progression",
        {"current_minutes": current, "goal_minutes": goal, "weekly_increase": step,
         "start_date": start.isoformat(), "today": today.isoformat()},
    )  # fmt: skip
    week = plan["current_week"]
    end = start + dt.timedelta(weeks=len(plan["weeks"]))
    if today < start or today >= end:
        assert week is None
    else:
        row = plan["weeks"][week - 1]
        first = dt.date.fromisoformat(row["start_date"])
        assert first <= today < first + dt.timedelta(days=7)


# ---- one consistent week: "Hoe ging de afgelopen week?" changes this week on -------------


@given(
    st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)),
    st.integers(-60, 900),
    st.integers(3, 120),
    st.integers(5, 120),
    st.integers(1, 5),
    st.integers(1, 4),
    st.sampled_from([None, "goed", "wisselend", "zwaar"]),
)
@settings(max_examples=400)
def test_last_week_changes_this_week_on_and_every_part_names_the_same_week(start, offset, current, goal, step, blocks, last_week):
    today = start + dt.timedelta(days=offset)
    planned_params = {"current_minutes": current, "goal_minutes": goal, "weekly_increase": step, "blocks_per_day": blocks,
                      "start_date": start.isoformat(), "today": today.isoformat()}  # fmt: skip
    planned = calculators.calculate("progression", planned_params)
    plan = calculators.calculate("progression", {**planned_params, "last_week": last_week})
    week, weeks = plan["current_week"], plan["weeks"]
    assert week == planned["current_week"]  # the answer never moves where today is
    assert all(min(w["blocks"]) >= progression.MIN_BLOCK for w in weeks)  # the floor, a step back included
    marked = [bar for bar in (plan["chart"] or {"bars": []})["bars"] if bar["marked"]]
    answer = [note for note in plan["notes"] if note.startswith("De afgelopen week ging")]
    assert len(answer) == (1 if last_week else 0)
    if week is not None:
        # The weeks before this one stay as planned, and are shown as past.
        assert weeks[: week - 1] == planned["weeks"][: week - 1]
        assert [w["when"] for w in weeks] == ["past"] * (week - 1) + ["current"] + ["future"] * (len(weeks) - week)
        minutes = weeks[week - 1]["minutes_per_day"]
        # The sentence, the note, the bar and the row: one week, one number of minutes.
        assert plan["where"].startswith(f"Je zit nu in week {week} van {len(weeks)}: deze week wandel je {minutes} minu")
        if last_week:
            assert f" {minutes} minu" in answer[0]
            assert f"deze week (week {week})" in answer[0] or "Je zit al op je doel" in answer[0]
        if plan["chart"]:
            assert [(bar["label"], bar["value"]) for bar in marked] == [(str(week), minutes)]
            assert f"De staaf van week {week}, deze week, is gemarkeerd." in plan["chart"]["caption"]
    elif today < start:
        assert plan["where"].startswith("Je plan begint ") and not marked
        assert all(w["when"] == "future" for w in weeks)
    else:  # after the last week: nothing changes any more
        assert plan["where"].startswith("Je plan is klaar: ") and not marked
        assert weeks == planned["weeks"] and all(w["when"] == "past" for w in weeks)


def test_the_issues_example_keeps_the_past_and_names_one_week():
    # Start 7-12-2026, now 5, goal 30, today 22-12 (week 3): "Zwaar" steps back from week 2's 8 minutes.
    params = {"current_minutes": 5, "goal_minutes": 30, "start_date": "2026-12-07", "today": "2026-12-22"}
    hard = calculators.calculate("progression", {**params, "last_week": "zwaar"})
    assert [w["minutes_per_day"] for w in hard["weeks"][:4]] == [5, 8, 5, 8]
    assert hard["where"] == "Je zit nu in week 3 van 12: deze week wandel je 5 minuten per dag. Eén wandeling van 5 minuten."
    assert hard["notes"][0].startswith("De afgelopen week ging zwaar: je doet deze week (week 3) een stapje terug, naar 5 minuten per dag.")
    good = calculators.calculate("progression", {**params, "last_week": "goed"})
    assert [w["minutes_per_day"] for w in good["weeks"][:3]] == [5, 8, 11]
    assert "naar 11 minuten per dag" in good["notes"][0] and "wandel je 11 minuten per dag" in good["where"]
    before = calculators.calculate("progression", {**params, "today": "2026-12-01"})
    assert before["where"] == "Je plan begint maandag 7 december 2026." and before["current_week"] is None
    after = calculators.calculate("progression", {**params, "today": "2027-06-01"})
    assert after["where"].startswith("Je plan is klaar: week 10 was de laatste, tot en met zondag 14 februari 2027.")


def test_one_walk_is_one_walk_in_the_calendar_too():
    plan = calculators.calculate("progression", {"current_minutes": 5, "goal_minutes": 12, "blocks_per_day": 2})
    assert "In week 1 wandel je één keer per dag in plaats van in 2 blokjes" in " ".join(plan["notes"])
    ics = calculators.calculate("calendar", {"calculator": "progression", "params": plan["params"], "start_date": "2026-01-05"})["ics"]
    unfolded = ics.replace("\r\n ", "")
    assert "Eén wandeling van 5 minuten." in unfolded and "In 2 blokjes: 4 + 4 minuten." in unfolded
    assert "blokjes van 5" not in unfolded


def test_the_day_schedule_says_how_it_relates_to_building_up():
    default = calculators.calculate("schedule", {})
    assert default["params"]["daily_minutes"] == 35
    assert default["build_up"].startswith("Wandel je nu minder dan 35 minuten per dag? Begin dan niet ineens met dit schema.")
    assert calculators.calculate("schedule", {"daily_minutes": 10})["build_up"] == ""  # the article's starting point
    ics = calculators.calculate("calendar", {"calculator": "schedule", "params": {}, "start_date": "2026-01-05", "weeks": 12})["ics"]
    lines = ics.replace("\r\n ", "").split("\r\n")
    descriptions = [line for line in lines if line.startswith("DESCRIPTION:") and "Gemaakt met" in line]  # not the alarms'
    assert len(descriptions) == lines.count("BEGIN:VEVENT")
    assert descriptions and all("Begin dan niet ineens met dit schema." in d and "(Advies van de Wandelgids.)" in d for d in descriptions)


def test_the_widget_links_the_day_schedule_to_the_build_up_plan_as_the_sites_advice():
    from wandelgids.widgets import render_widget

    html = render_widget("schedule", calculators.calculate("schedule", {})["params"], "rekenhulp-schedule")
    advice = html[html.index('class="wg-calc__build-up"') :]
    advice = advice[: advice.index("</p>")]
    assert "Begin dan niet ineens met dit schema." in advice and 'href="/opbouwen/"' in advice
    assert "Advies van deze website." in advice
