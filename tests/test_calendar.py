"""The calendar export: RFC 5545 text read back with the icalendar library, and with
Mozilla's ical.js (npm) as a second, independent reader."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import icalendar
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators

ICAL_JS = Path(__file__).resolve().parent / "js" / "ical_read.mjs"
# The patient's today, as the browser sends it: the calendar accepts first days from a
# year before it to two years after it.
TODAY = "2026-06-15"


def calendar(plan: dict, **params) -> dict:
    """The calendar for a plan: the browser sends the plan's own inputs, never the plan."""
    return calculators.calculate("calendar", {"calculator": plan["calculator"], "params": plan["params"], "today": TODAY, **params})


def events(text: str) -> list:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def read_with_ical_js(text: str) -> dict:
    """What ical.js (Node) understood of the file; it throws on text it cannot parse."""
    run = subprocess.run(["node", str(ICAL_JS)], input=text.encode("utf-8"), capture_output=True, check=True, timeout=60)
    return json.loads(run.stdout)


def alarms(event) -> list:
    return [c for c in event.subcomponents if c.name == "VALARM"]


def assert_rfc5545_lines(text: str) -> None:
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    calendar_ = icalendar.Calendar.from_ical(text)
    assert calendar_["VERSION"] == "2.0" and calendar_["PRODID"]
    uids = [str(event["UID"]) for event in calendar_.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    for event in calendar_.walk("VEVENT"):
        assert event["DTSTAMP"].dt.tzinfo is not None  # DTSTAMP is in UTC


def check_progression(plan: dict, start: dt.date, result: dict, reminder: bool = True) -> None:
    assert result["ok"], result
    assert_rfc5545_lines(result["ics"])
    found = events(result["ics"])
    assert result["events"] == len(found) == len(plan["weeks"])
    for event, week in zip(found, plan["weeks"]):
        first = start + dt.timedelta(weeks=week["week"] - 1)
        assert event["DTSTART"].dt == first and event["DTEND"].dt == first + dt.timedelta(weeks=1)
        assert str(event["SUMMARY"]) == f"Wandelen week {week['week']}: {week['minutes_per_day']} minuten per dag"
        assert " + ".join(map(str, week["blocks"])) in str(event["DESCRIPTION"])
        # One reminder per week, at 08:00 on its first day, with that week's minutes; none without the tick.
        if reminder:
            [alarm] = alarms(event)
            assert str(alarm["ACTION"]) == "DISPLAY" and alarm["TRIGGER"].dt == dt.timedelta(hours=8)
            assert f"week {week['minutes_per_day']} minuten per dag" in str(alarm["DESCRIPTION"])
        else:
            assert alarms(event) == []
    assert result["filename"] == f"wandelschema-opbouw-{start.isoformat()}.ics"


def check_schedule(plan: dict, start: dt.date, weeks: int, result: dict, reminder: bool = True) -> None:
    assert result["ok"], result
    assert_rfc5545_lines(result["ics"])
    found = events(result["ics"])
    walks = [("weekday", walk) for walk in plan["weekday"]] + [("weekend", walk) for walk in plan["weekend"]]
    assert result["events"] == len(found) == len(walks)
    end = start + dt.timedelta(weeks=weeks)
    for event, (key, walk) in zip(found, walks):
        first = event["DTSTART"].dt
        assert first.tzinfo is None  # floating: at the walk's clock time wherever the patient is
        assert first.strftime("%H:%M") == walk["time"]
        assert event["DURATION"].dt == dt.timedelta(minutes=walk["minutes"])
        assert str(event["SUMMARY"]) == f"Wandelen: {walk['minutes']} minuten ({walk['part']})"
        # A reminder as each walk begins (every repetition), or none without the tick.
        if reminder:
            [alarm] = alarms(event)
            assert str(alarm["ACTION"]) == "DISPLAY" and alarm["TRIGGER"].dt == dt.timedelta(0)
            assert str(alarm["DESCRIPTION"]) == f"Tijd om te wandelen: {walk['minutes']} minuten ({walk['part']})."
        else:
            assert alarms(event) == []
        rule = event["RRULE"]
        assert rule["FREQ"] == ["WEEKLY"]
        days = {"weekday": {0, 1, 2, 3, 4}, "weekend": {5, 6}}[key]
        # Every occurrence: on the right days, inside the chosen weeks, each such day once.
        # A walk before waking time is in the night after the day it belongs to.
        night = dt.timedelta(days=1 if walk["time"] < plan["params"]["wake_time"] else 0)
        occurrences = [when - night for when in rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)]
        assert all(day.weekday() in days and start <= day.date() < end for day in occurrences)
        assert len(occurrences) == len(days) * weeks
        assert len({day.date() for day in occurrences}) == len(occurrences)
    assert result["filename"] == f"wandelschema-dag-{start.isoformat()}.ics"


# ---- the article's plans -----------------------------------------------------------


def test_progression_is_one_item_per_week_on_its_own_dates():
    plan = calculators.calculate("progression", {"start_date": "2026-01-05"})
    result = calendar(plan)
    check_progression(plan, dt.date(2026, 1, 5), result)
    assert result["events"] == 8
    assert result["summary"] == "8 weken van je opbouwschema staan in je agenda (met herinneringen), vanaf maandag 5 januari 2026."


def test_progression_without_dates_needs_a_start_date():
    plan = calculators.calculate("progression", {})
    missing = calendar(plan)
    assert missing == {
        "ok": False,
        "calculator": "calendar",
        "errors": [{"field": "start_date", "message": "Eerste dag in je agenda: kies op welke dag het schema in je agenda begint."}],
        "fields_text": '"Eerste dag in je agenda"',
    }
    check_progression(plan, dt.date(2026, 3, 2), calendar(plan, start_date="2026-03-02"))


def test_a_chosen_start_date_moves_a_dated_plan():
    plan = calculators.calculate("progression", {"start_date": "2026-01-05"})
    check_progression(plan, dt.date(2026, 2, 4), calendar(plan, start_date="2026-02-04"))


def test_schedule_walks_repeat_weekly_for_twelve_weeks_by_default():
    plan = calculators.calculate("schedule", {})
    result = calendar(plan, start_date="2026-01-07")  # a Wednesday
    check_schedule(plan, dt.date(2026, 1, 7), 12, result)
    text = result["ics"]
    assert text.count("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260331T") == len(plan["weekday"]) == 4
    assert text.count("RRULE:FREQ=WEEKLY;BYDAY=SA,SU;UNTIL=20260331T") == len(plan["weekend"])
    assert "DTSTART:20260107T080000\r\nDURATION:PT10M" in text  # first weekday: the start itself
    assert "DTSTART:20260110T" in text  # first weekend day: that Saturday
    assert result["summary"] == "Je wandelingen staan 12 weken in je agenda (met herinneringen), vanaf woensdag 7 januari 2026."


def test_night_walks_fall_on_the_next_date():
    plan = calculators.calculate("schedule", {"wake_time": "22:00", "bed_time": "14:00"})
    late = [walk for walk in plan["weekday"] if walk["time"] < "22:00"]
    assert late  # the night shift's day runs past midnight
    result = calendar(plan, start_date="2026-01-05")  # a Monday
    check_schedule(plan, dt.date(2026, 1, 5), 12, result)
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU,WE,TH,FR,SA;UNTIL=20260330T" in result["ics"]
    assert f"DTSTART:20260106T{late[0]['time'].replace(':', '')}00" in result["ics"]


@pytest.mark.parametrize("weeks", [1, 2, 52])
def test_schedule_weeks_from_one_to_fifty_two(weeks):
    plan = calculators.calculate("schedule", {"daily_minutes": 20})
    check_schedule(plan, dt.date(2026, 1, 4), weeks, calendar(plan, start_date="2026-01-04", weeks=weeks))


@pytest.mark.parametrize("weeks", [0, 53, "twaalf", 2.5])
def test_weeks_outside_the_range_are_refused(weeks):
    result = calendar(calculators.calculate("schedule", {}), start_date="2026-01-05", weeks=weeks)
    assert not result["ok"] and result["errors"][0]["field"] == "weeks"
    assert result["errors"][0]["message"].startswith("Aantal weken:")


def test_the_file_says_which_inputs_made_it():
    plan = calculators.calculate("progression", {"current_minutes": 12, "goal_minutes": 25, "last_week": "goed"})
    text = calendar(plan, start_date="2026-01-05")["ics"]
    description = str(icalendar.Calendar.from_ical(text)["X-WR-CALDESC"])
    for part in ("Opbouwschema voor wandelen", "Nu per dag: 12 minuten", "Doel per dag: 25 minuten",
                 "Hoe ging de afgelopen week? Goed", "Eerste dag in je agenda: 5 januari 2026"):  # fmt: skip
        assert part in description
    assert all(part in str(event["DESCRIPTION"]) for event in events(text) for part in ("Invoer:", "Doel per dag: 25"))
    # Dates read in Dutch wherever the inputs are listed (file, printout, stale note), not as 2026-01-05.
    assert "Startdatum: 5 januari 2026" in calculators.calculate("progression", {"start_date": "2026-01-05"})["inputs"]
    schedule = calendar(calculators.calculate("schedule", {"wake_time": "06:00"}), start_date="2026-01-05", weeks=4)
    assert "Opstaan: 06:00" in schedule["ics"].replace("\r\n ", "") and "Aantal weken: 4" in schedule["notes"][0]


def test_same_inputs_same_text_and_identity_from_the_inputs():
    plan = calculators.calculate("schedule", {})
    first = calendar(plan, start_date="2026-01-05")
    assert first == calendar(json.loads(json.dumps(plan)), start_date="2026-01-05")
    other = calendar(plan, start_date="2026-01-12")
    uids = lambda r: {str(e["UID"]) for e in events(r["ics"])}  # noqa: E731
    assert uids(first).isdisjoint(uids(other))
    assert "DTSTAMP:20260105T000000Z" in first["ics"]


# ---- refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    "request_, field",
    [
        ({"calculator": "breathing", "params": {}}, "calculator"),
        ({"calculator": "calendar", "params": {}}, "calculator"),
        ({"calculator": None, "params": {}}, "calculator"),
        ({"calculator": "schedule", "params": "x"}, "params"),
        ({"calculator": "schedule", "params": []}, "params"),
        ({"calculator": "progression", "params": {"goal_minutes": 500}}, "params"),
        ({"calculator": "progression", "params": {"kleur": "rood"}}, "params"),
    ],
)
def test_only_valid_inputs_of_a_planner_go_into_the_calendar(request_, field):
    result = calculators.calculate("calendar", {**request_, "start_date": "2026-01-05", "today": TODAY})
    assert result["ok"] is False
    assert result["errors"][0]["field"] == field
    if field == "params":
        assert result["errors"][0]["message"].startswith("Schema:")


def test_the_calendar_computes_the_plan_itself():
    """No plan travels back into Python: a plan sent along is an unknown field."""
    plan = calculators.calculate("progression", {})
    result = calculators.calculate("calendar", {"calculator": "progression", "params": {}, "plan": plan, "start_date": "2026-01-05", "today": TODAY})
    assert result["errors"][0]["field"] == "plan"


def test_each_planner_declares_its_calendar_action():
    """The calendar knows no planner by name: describe() lists what each declares."""
    planners = [name for name in calculators.BLOCKS if any(a["name"] == "calendar" for a in calculators.describe(name)["actions"])]
    assert planners  # the choice the calendar offers is exactly these
    choices = next(f for f in calculators.describe("calendar")["fields"] if f["name"] == "calculator")["choices"]
    assert [c["value"] for c in choices] == planners
    asked = {f["name"] for f in calculators.describe("calendar")["fields"]}
    for name in planners:
        action = next(a for a in calculators.describe(name)["actions"] if a["name"] == "calendar")
        assert set(action["fields"]) <= asked and "start_date" in action["fields"]


def test_bad_start_date_and_unknown_fields():
    plan = calculators.calculate("schedule", {})
    assert calendar(plan, start_date="2026-02-30")["errors"][0]["message"].startswith("Eerste dag in je agenda: deze datum bestaat niet.")
    assert calendar(plan, start_date="2026-01-05", kleur="rood")["errors"][0]["field"] == "kleur"


# ---- reminders ----------------------------------------------------------------------


def test_reminders_are_on_by_default_and_off_with_the_tick_off():
    plan = calculators.calculate("progression", {"start_date": "2026-01-05"})
    on, off = calendar(plan), calendar(plan, reminder=False)
    check_progression(plan, dt.date(2026, 1, 5), on)
    check_progression(plan, dt.date(2026, 1, 5), off, reminder=False)
    assert on["ics"].count("BEGIN:VALARM") == on["events"] == 8 and "VALARM" not in off["ics"]
    assert "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Week 1 begint: wandel deze week 10 minuten per dag.\r\nTRIGGER:PT8H\r\nEND:VALARM" in on["ics"]
    assert on["summary"] == "8 weken van je opbouwschema staan in je agenda (met herinneringen), vanaf maandag 5 januari 2026."
    assert off["summary"] == "8 weken van je opbouwschema staan in je agenda, vanaf maandag 5 januari 2026."
    # The same walks keep their identity, with or without alarms: a second import replaces them.
    assert {str(e["UID"]) for e in events(on["ics"])} == {str(e["UID"]) for e in events(off["ics"])}
    assert "Herinnering in je agenda: uit" in off["notes"][0]
    schedule = calculators.calculate("schedule", {})
    assert calendar(schedule, start_date="2026-01-05", reminder="false")["ics"].count("VALARM") == 0
    assert calendar(schedule, start_date="2026-01-05", reminder="true")["ics"].count("BEGIN:VALARM") == 8  # 4 + 4 walks


@pytest.mark.parametrize("reminder", ["ja", 1, "", [], "aan"])
def test_a_reminder_that_is_not_on_or_off_is_refused(reminder):
    result = calendar(calculators.calculate("schedule", {}), start_date="2026-01-05", reminder=reminder)
    assert result["errors"][0]["field"] == "reminder" and result["errors"][0]["message"].startswith("Herinnering in je agenda:")


def test_the_tick_is_each_plan_s_own_field_with_its_own_help():
    for name, when in (("progression", "om 8 uur 's ochtends"), ("schedule", "als een wandeling begint")):
        action = next(a for a in calculators.describe(name)["actions"] if a["name"] == "calendar")
        assert "reminder" in action["fields"] and when in action["help"]["reminder"]
    asked = [f for f in calculators.describe("calendar")["fields"] if not f["from_browser"]]
    assert [f["name"] for f in asked][-1] == "reminder"  # asked last, after the days and weeks
    assert (asked[-1]["type"], asked[-1]["default"]) == ("boolean", True)


@pytest.mark.parametrize("reminder", [True, False])
def test_a_second_independent_parser_reads_every_event_and_alarm(reminder):
    """Mozilla's ical.js (npm, as in Thunderbird) reads the same events and alarms as icalendar."""
    progression = calculators.calculate("progression", {"current_minutes": 5, "goal_minutes": 30, "start_date": "2026-01-05"})
    schedule = calculators.calculate("schedule", {"wake_time": "22:00", "bed_time": "14:00"})  # night walks too
    for result, trigger in (
        (calendar(progression, reminder=reminder), "PT8H"),  # 08:00 on the week's first day
        (calendar(schedule, start_date="2026-01-07", weeks=3, reminder=reminder), "PT0S"),  # as the walk begins
    ):
        theirs = read_with_ical_js(result["ics"])
        ours = events(result["ics"])
        assert theirs["version"] == "2.0" and len(theirs["events"]) == len(ours) == result["events"]
        for event, read in zip(ours, theirs["events"]):
            assert read["uid"] == str(event["UID"]) and read["summary"] == str(event["SUMMARY"])
            assert read["start"] == event["DTSTART"].dt.isoformat()
            assert (read["rrule"] is None) == ("RRULE" not in event)
            expected = [{"action": "DISPLAY", "description": str(a["DESCRIPTION"]), "trigger": trigger} for a in alarms(event)]
            assert read["alarms"] == expected and len(expected) == int(reminder)


# ---- the window around today ---------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("1900-01-01", "Eerste dag in je agenda: 1 januari 1900 ligt te ver terug. Kies een dag van 15 juni 2025 tot en met 15 juni 2028."),
        ("2019-05-01", "Eerste dag in je agenda: 1 mei 2019 ligt te ver terug."),
        ("2025-06-14", "ligt te ver terug"),
        ("2028-06-16", "Eerste dag in je agenda: 16 juni 2028 ligt te ver vooruit. Kies een dag van 15 juni 2025 tot en met 15 juni 2028."),
        ("2090-03-02", "ligt te ver vooruit"),
        ("2099-12-31", "ligt te ver vooruit"),
    ],
)
def test_a_first_day_far_from_today_is_refused_in_dutch(start, message):
    for plan in (calculators.calculate("schedule", {}), calculators.calculate("progression", {})):
        result = calendar(plan, start_date=start)
        assert result["ok"] is False and result["errors"][0]["field"] == "start_date"
        assert message in result["errors"][0]["message"]


def test_the_window_s_edges_and_the_plan_s_own_start_date():
    plan = calculators.calculate("schedule", {})
    assert calendar(plan, start_date="2025-06-15")["ok"] and calendar(plan, start_date="2028-06-15")["ok"]
    dated = calculators.calculate("progression", {"start_date": "2019-01-07"})  # the plan's own, not in the form
    assert "7 januari 2019 ligt te ver terug" in calendar(dated)["errors"][0]["message"]
    # 29 February: a year back is 28 February.
    leap = calculators.calculate("calendar", {"calculator": "schedule", "params": {}, "start_date": "2023-02-28", "today": "2024-02-29"})
    assert leap["ok"] and not calculators.calculate("calendar", {"calculator": "schedule", "params": {}, "start_date": "2023-02-27", "today": "2024-02-29"})["ok"]


def test_without_a_date_from_the_browser_python_s_own_today_counts(monkeypatch):
    """Other callers (the API in CPython) send no today: the machine's date stands in."""
    import calculators.calendar.export as export

    monkeypatch.setattr(export, "machine_today", lambda: dt.date(2030, 1, 1))
    request = {"calculator": "schedule", "params": {}, "start_date": "2029-01-01"}
    assert calculators.calculate("calendar", request)["ok"]
    assert "ligt te ver terug" in calculators.calculate("calendar", {**request, "start_date": "2028-12-31"})["errors"][0]["message"]


# ---- generated plans ----------------------------------------------------------------

dates = st.dates(dt.date(2025, 6, 15), dt.date(2028, 6, 15))  # the window around TODAY
clock = st.times().map(lambda t: f"{t.hour:02d}:{t.minute:02d}")


@given(
    st.integers(3, 120), st.integers(5, 120), st.integers(1, 5), st.integers(1, 4),
    st.sampled_from([None, "goed", "wisselend", "zwaar"]), dates, st.booleans(), st.booleans(),
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_generated_progression_plans(current, goal, step, blocks, last_week, start, dated, reminder):
    params = {"current_minutes": current, "goal_minutes": goal, "weekly_increase": step, "blocks_per_day": blocks}
    if last_week:
        params["last_week"] = last_week
    if dated:
        params["start_date"] = start.isoformat()
    plan = calculators.calculate("progression", params)
    result = calendar(plan, reminder=reminder) if dated else calendar(plan, start_date=start.isoformat(), reminder=reminder)
    check_progression(plan, start, result, reminder)


@given(st.integers(5, 120), clock, clock, dates, st.integers(1, 52), st.booleans())
@settings(max_examples=60, deadline=None)
def test_generated_schedules(daily, wake, bed, start, weeks, reminder):
    params = {"daily_minutes": daily, "wake_time": wake, "bed_time": bed}
    plan = calculators.calculate("schedule", params)
    result = calculators.calculate(
        "calendar",
        {"calculator": "schedule", "params": params, "start_date": start.isoformat(), "weeks": weeks, "reminder": reminder, "today": TODAY},
    )
    if plan["ok"]:
        check_schedule(plan, start, weeks, result, reminder)
    else:
        assert result["errors"][0]["field"] == "params"


@given(st.text(max_size=200))
def test_folding_keeps_the_text_and_the_octet_limit(text):
    from calculators.calendar.ics import fold

    folded = fold("DESCRIPTION:" + text.replace("\r", "").replace("\n", ""))
    assert all(len(line.encode("utf-8")) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + text.replace("\r", "").replace("\n", "")


def test_no_circular_import_and_the_writer_knows_no_plan():
    """The calendar computes plans through the registry, never through the API that imports it."""
    import ast
    from pathlib import Path

    folder = Path(calculators.__file__).parent / "calendar"
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert "api" not in imported and not any(name.endswith(".api") for name in imported), path
    writer = ast.parse((folder / "ics.py").read_text(encoding="utf-8"))
    assert not [node for node in ast.walk(writer) if isinstance(node, ast.ImportFrom) and node.level], "ics.py imports no calculator"


def test_the_calendars_first_day_is_the_plans_start_date():
    # A plan without a start date, answered "Zwaar" in its third week by the calendar's date:
    # the file holds the weeks the widget shows once the calendar's day is its start date.
    params = {"current_minutes": 5, "goal_minutes": 30, "last_week": "zwaar", "today": "2026-12-22"}
    shown = calculators.calculate("progression", {**params, "start_date": "2026-12-07"})
    assert shown["current_week"] == 3
    text = calendar(calculators.calculate("progression", params), start_date="2026-12-07")["ics"].replace("\r\n ", "")
    summaries = [line for line in text.split("\r\n") if line.startswith("SUMMARY:Wandelen week")]
    assert summaries == [f"SUMMARY:Wandelen week {w['week']}: {w['minutes_per_day']} minuten per dag" for w in shown["weeks"]]
