// A second, independent reader of the calendar files: Mozilla's ical.js (npm, pinned),
// as Thunderbird uses it. Reads iCalendar text on stdin and prints what it understood
// as JSON: per event its UID, summary, start, duration or end, RRULE and alarms.
// tests/test_calendar.py compares that with the file's plan and with the icalendar package.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calendar = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  const rule = vevent.getFirstPropertyValue("rrule");
  return {
    uid: event.uid,
    summary: event.summary,
    start: event.startDate.toString(),
    end: event.endDate.toString(),
    rrule: rule ? rule.toString() : null,
    alarms: vevent.getAllSubcomponents("valarm").map((alarm) => ({
      action: alarm.getFirstPropertyValue("action"),
      description: alarm.getFirstPropertyValue("description"),
      trigger: alarm.getFirstPropertyValue("trigger").toString(),
    })),
  };
});
process.stdout.write(JSON.stringify({ version: calendar.getFirstPropertyValue("version"), events }));
