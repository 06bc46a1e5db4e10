// Dates in Dutch ("6 december 2026"), for every sentence the browser writes: the months
// come from the browser's own Dutch (Intl), never from a list of ours.
const OPTIONS = { day: "numeric", month: "long", year: "numeric" };
const LOCAL = new Intl.DateTimeFormat("nl-NL", OPTIONS);
const CALENDAR_DAY = new Intl.DateTimeFormat("nl-NL", { ...OPTIONS, timeZone: "UTC" });

// A moment (a Date), as the day it is where the patient is.
export const dutchDate = (date) => LOCAL.format(date);

// A calendar day as Python writes it ("2026-12-06"), the same day everywhere.
export const dutchDay = (isoDay) => CALENDAR_DAY.format(new Date(`${isoDay}T00:00:00Z`));
