// The bridge between the calculator widgets and the Pyodide worker.
//
// window.wandelgids.calculate(name, params) -> Promise of calculators.calculate's result
// window.wandelgids.ready                   -> Promise that settles when the worker can calculate
//
// All rules live in the Python package; this file only moves JSON and fills in the
// templates the build rendered (data-result*, data-cell, <template data-row-template>).

// A load that stalls (loadPyodide can hang on a missing file) fails after this long.
const READY_TIMEOUT_MS = window.wandelgidsReadyTimeoutMs || 30000;
const TEXT = {
  loading: "Rekenhulp wordt geladen...",
  live: "De rekenhulp rekent direct mee als je iets aanpast.",
  failed:
    "De rekenhulp kan in deze browser niet laden. Hieronder staat het schema met de standaardwaarden. " +
    "Probeer het later opnieuw of in een andere browser.",
  updated: "Het schema is bijgewerkt.",
  invalid: "Controleer de gemarkeerde invoer. Het schema hieronder hoort nog bij je vorige invoer.",
  copied: "De link naar dit schema is gekopieerd. Bewaar hem om later verder te gaan.",
  copyThis: "Kopieer deze link om je schema te bewaren:",
  calendar: "Het agendabestand is gedownload. Open het om de wandelingen in je agenda te zetten.",
};

let worker = null;
let nextId = 1;
const pending = new Map();
let markReady;
let markFailed;
const ready = new Promise((resolve, reject) => {
  markReady = resolve;
  markFailed = reject;
});
// The page shows failures itself; don't also report them as unhandled.
ready.catch(() => {});
let state = "loading";
const stages = [{ stage: "bridge", ms: Math.round(performance.now()) }];
// The worker's own fetches (its resource timeline), for the benchmarks.
const workerResources = [];

function fail(reason) {
  if (state === "failed") return;
  const wasReady = state === "ready";
  state = "failed";
  if (worker) worker.terminate();
  for (const { reject } of pending.values()) reject(new Error(reason));
  pending.clear();
  markFailed(new Error(reason));
  // A worker that dies after it was ready: the widgets say so too.
  if (wasReady) document.dispatchEvent(new CustomEvent("wandelgids:failed"));
}

function start() {
  if (worker || state !== "loading") return;
  const timer = setTimeout(() => fail(`Laden duurde langer dan ${READY_TIMEOUT_MS / 1000} seconden.`), READY_TIMEOUT_MS);
  ready.then(() => clearTimeout(timer), () => clearTimeout(timer));
  try {
    // The worker lives in the content-hashed Pyodide folder and starts loading at once.
    const folder = new URL(document.querySelector('meta[name="wandelgids-pyodide"]').content, document.baseURI);
    worker = new Worker(new URL("calculator-worker.js", folder), { type: "module" });
  } catch (error) {
    fail(String(error));
    return;
  }
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(event.message || "De rekenhulp kon niet starten.");
  });
  worker.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "stage" || message.type === "ready" || message.type === "failed") {
      // Named load stages, in ms since navigation, for the console and the benchmarks.
      stages.push({ stage: message.stage || message.type, ms: Math.round(message.at - performance.timeOrigin) });
    }
    if (message.resources) workerResources.push(...message.resources);
    if (message.type === "ready") {
      state = "ready";
      markReady();
    } else if (message.type === "failed" || message.type === "broken") {
      fail(message.message);
    } else if (message.type === "result") {
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (request) request.resolve(message.result);
    }
  });
}

async function calculate(name, params) {
  await ready;
  if (state === "failed") throw new Error(TEXT.failed);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage(JSON.stringify({ type: "calculate", id, request: JSON.stringify({ name, params }) }));
  });
}

// ---- Filling in the build's templates -------------------------------------------

const DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const FORMATS = {
  date: (value) => DATE.format(new Date(`${value}T00:00:00Z`)),
  blocks: (value) => value.join(" + "),
  decimal: (value) => value.toLocaleString("nl-NL", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

function show(element, value) {
  const format = FORMATS[element.dataset.format];
  element.textContent = value === undefined || value === null ? "" : format ? format(value) : String(value);
}

function renderTable(table, rows) {
  const body = table.tBodies[0];
  const template = table.querySelector("template[data-row-template]");
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = template.content.firstElementChild.cloneNode(true);
      for (const cell of tr.querySelectorAll("[data-cell]")) show(cell, row[cell.dataset.cell]);
      return tr;
    }),
  );
  // Optional columns (e.g. start dates) show only when some row has them.
  for (const head of table.querySelectorAll("th[data-column]")) {
    const key = head.dataset.column;
    const used = rows.some((row) => row[key] !== undefined);
    for (const cell of [head, ...body.querySelectorAll(`[data-cell="${key}"]`)]) cell.hidden = !used;
  }
}

function renderChart(svg, rows, caption) {
  // Same geometry as result-progression.html: 20 units per bar, tallest bar 100 high.
  const key = svg.dataset.value;
  const top = Math.max(...rows.map((row) => row[key]));
  svg.setAttribute("viewBox", `0 0 ${rows.length * 20} 110`);
  svg.replaceChildren(
    ...rows.map((row, index) => {
      const height = Math.round((row[key] / top) * 1000) / 10;
      const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      for (const [name, value] of Object.entries({ x: index * 20 + 4, y: 105 - height, width: 12, height })) {
        rect.setAttribute(name, String(value));
      }
      return rect;
    }),
  );
  if (caption) {
    caption.textContent =
      `Staafdiagram van de minuten per dag: van ${rows[0][key]} minuten in week 1 ` +
      `tot ${rows[rows.length - 1][key]} minuten in week ${rows.length}.`;
  }
}

function renderResult(widget, result) {
  const box = widget.querySelector("[data-calculator-result]");
  for (const element of box.querySelectorAll("[data-result]")) show(element, result[element.dataset.result]);
  for (const list of box.querySelectorAll("[data-result-list]")) {
    list.replaceChildren(
      ...result[list.dataset.resultList].map((text) => Object.assign(document.createElement("li"), { textContent: text })),
    );
  }
  for (const table of box.querySelectorAll("[data-result-table]")) renderTable(table, result[table.dataset.resultTable]);
  for (const svg of box.querySelectorAll("[data-result-chart]")) {
    const key = svg.dataset.resultChart;
    renderChart(svg, result[key], box.querySelector(`[data-result-chart-text="${key}"]`));
  }
}

function showErrors(widget, errors) {
  const byField = new Map(errors.map((error) => [error.field ?? "", error.message]));
  for (const slot of widget.querySelectorAll("[data-field-error]")) {
    const message = byField.get(slot.dataset.fieldError);
    slot.textContent = message || "";
    slot.hidden = !message;
    const input = widget.querySelector(`[name="${slot.dataset.fieldError}"]`);
    if (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
}

// ---- Keeping a plan: an iCalendar file -------------------------------------------

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const DAYS = { weekday: ["MO", "TU", "WE", "TH", "FR"], weekend: ["SA", "SU"] };

function icsDay(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
}

function icsText(text) {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`);
}

function nextDay(from, days) {
  const date = new Date(from);
  date.setHours(12, 0, 0, 0); // midday: whole-day steps stay on the right date across DST
  do date.setDate(date.getDate() + 1);
  while (!days.includes(WEEKDAYS[date.getDay()]));
  return date;
}

// Walks repeat every week in the calendar (weekday and weekend walks on their own
// days, from tomorrow on); the build-up plan becomes one all-day item per week.
function calendarFor(name, result, today = new Date()) {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rugcentrum Hilversum//Wandelgids//NL", "CALSCALE:GREGORIAN"];
  const event = (index, fields) =>
    lines.push("BEGIN:VEVENT", `UID:${stamp}-${name}-${index}@wandelgids`, `DTSTAMP:${stamp}`, ...fields, "END:VEVENT");
  if (name === "schedule") {
    let index = 0;
    for (const [key, days] of Object.entries(DAYS)) {
      const first = icsDay(nextDay(today, days));
      for (const walk of result[key]) {
        event(index++, [
          `DTSTART:${first}T${walk.time.replace(":", "")}00`,
          `DURATION:PT${walk.minutes}M`,
          `RRULE:FREQ=WEEKLY;BYDAY=${days.join(",")}`,
          `SUMMARY:${icsText(`Wandelen: ${walk.minutes} minuten (${walk.part})`)}`,
          `DESCRIPTION:${icsText(walk.tip)}`,
        ]);
      }
    }
  } else {
    const monday = nextDay(today, ["MO"]);
    for (const week of result.weeks) {
      const start = week.start_date ? new Date(`${week.start_date}T12:00:00`) : new Date(monday.getTime() + (week.week - 1) * 7 * 864e5);
      const end = new Date(start.getTime() + 7 * 864e5);
      event(week.week, [
        `DTSTART;VALUE=DATE:${icsDay(start)}`,
        `DTEND;VALUE=DATE:${icsDay(end)}`,
        `SUMMARY:${icsText(`Wandelen week ${week.week}: ${week.minutes_per_day} minuten per dag`)}`,
        `DESCRIPTION:${icsText(`In blokjes van ${week.blocks.join(" + ")} minuten.`)}`,
      ]);
    }
  }
  lines.push("END:VCALENDAR");
  // Lines longer than 75 characters are folded, as RFC 5545 asks.
  return lines.map((line) => `${line.replace(/(.{74})(?=.)/g, "$1\r\n ")}\r\n`).join("");
}

function download(filename, text) {
  const link = Object.assign(document.createElement("a"), {
    href: URL.createObjectURL(new Blob([text], { type: "text/calendar" })),
    download: filename,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function setStatus(widget, text, widgetState) {
  widget.dataset.state = widgetState;
  widget.querySelector("[data-calculator-status]").textContent = text;
}

function readForm(form) {
  return Object.fromEntries(new FormData(form).entries());
}

// A plan can be kept as a link: the inputs travel in the query, prefixed with the
// widget's id so that several calculators on one page don't mix.
function linkFor(widget, params) {
  const url = new URL(window.location.href);
  const prefix = `${widget.id}.`;
  for (const key of [...url.searchParams.keys()]) if (key.startsWith(prefix)) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(params)) if (value !== "") url.searchParams.set(prefix + key, value);
  url.hash = widget.id;
  return url;
}

function fillFromLink(widget, form) {
  const prefix = `${widget.id}.`;
  let filled = false;
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    const input = key.startsWith(prefix) && form.elements.namedItem(key.slice(prefix.length));
    if (input) {
      input.value = value;
      filled = true;
    }
  }
  return filled;
}

function connect(widget) {
  const form = widget.querySelector("[data-calculator-form]");
  const name = widget.dataset.calculator;
  let latest = 0;
  let lastResult = null;

  async function update() {
    const ticket = ++latest;
    let result;
    try {
      result = await calculate(name, readForm(form));
    } catch {
      return; // the failed state is already on screen
    }
    if (ticket !== latest) return; // a newer change is on its way
    if (result.ok) {
      lastResult = result;
      showErrors(widget, []);
      renderResult(widget, result);
      setStatus(widget, TEXT.updated, "live");
      window.history.replaceState(null, "", linkFor(widget, readForm(form)));
    } else {
      // Keep the previous plan; show what is wrong next to the field.
      showErrors(widget, result.errors);
      setStatus(widget, TEXT.invalid, "invalid");
    }
  }

  form.querySelector("fieldset").disabled = false;
  setStatus(widget, TEXT.loading, "loading");
  // "input" covers typing, selects and date pickers; "change" would calculate twice.
  form.addEventListener("input", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", () => setTimeout(update));
  widget.querySelector('[data-calculator-action="print"]').addEventListener("click", () => window.print());
  widget.querySelector('[data-calculator-action="link"]').addEventListener("click", async () => {
    const link = linkFor(widget, readForm(form)).href;
    try {
      await navigator.clipboard.writeText(link);
      setStatus(widget, TEXT.copied, widget.dataset.state);
    } catch {
      setStatus(widget, `${TEXT.copyThis} ${link}`, widget.dataset.state);
    }
  });
  const calendarButton = widget.querySelector('[data-calculator-action="calendar"]');
  if (calendarButton) {
    calendarButton.addEventListener("click", async () => {
      const result = lastResult || (await calculate(name, readForm(form)));
      if (!result.ok) return update(); // shows what to fix first
      download(`wandelschema-${name === "schedule" ? "dag" : "opbouw"}.ics`, calendarFor(name, result));
      setStatus(widget, TEXT.calendar, widget.dataset.state);
    });
  }
  if (fillFromLink(widget, form)) update();
  const showFailure = () => {
    setStatus(widget, TEXT.failed, "failed");
    form.querySelector("fieldset").disabled = true;
  };
  ready.then(() => setStatus(widget, TEXT.live, "live"), showFailure);
  document.addEventListener("wandelgids:failed", showFailure);
}

window.wandelgids = { ready, calculate, stages, workerResources };
// Start at once: the worker loads and runs Pyodide off the main thread, so neither
// first paint nor input waits for it. This script is only on pages with a calculator.
start();
function connectAll() {
  document.querySelectorAll("[data-calculator]").forEach(connect);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", connectAll, { once: true });
else connectAll();
