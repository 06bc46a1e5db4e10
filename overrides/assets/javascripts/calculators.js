// The bridge between the calculator widgets and the Pyodide worker.
//
// window.wandelgids.calculate(name, params) -> Promise of calculators.calculate's result
// window.wandelgids.ready                   -> Promise that settles when the worker can calculate
// window.wandelgids.validInputs(widget, action) -> Promise of { params, result } for the widget's
//   whole, valid form, or null after the widget said what to fix (for calendar, remember, ...)
// Each widget fires "wandelgids:result" (detail: { ok, params }) after every calculation it shows.
//
// All rules live in the Python package; this file only moves JSON and fills in the
// templates the build rendered (data-result*, data-cell, <template data-row-template>).

// A load that stalls (loadPyodide can hang on a missing file) fails after this long.
const READY_TIMEOUT_MS = window.wandelgidsReadyTimeoutMs || 30000;
const TEXT = {
  loading: "Rekenhulp wordt geladen...",
  live: "De rekenhulp rekent mee zodra je even stopt met typen, een veld verlaat of op Enter drukt.",
  failed:
    "De rekenhulp kan in deze browser niet laden. Hieronder staat het schema met de standaardwaarden. " +
    "Probeer het later opnieuw of in een andere browser.",
  failedFor: (noun) =>
    `De rekenhulp kan in deze browser niet laden. Hieronder staat ${noun} met de standaardwaarden. ` +
    "Probeer het later opnieuw of in een andere browser.",
  // `noun` is the calculator's own word for its result (data-result-noun), e.g. "het schema".
  updated: (noun) => `${capital(noun)} is bijgewerkt.`,
  invalid: (noun, labels) => `Controleer ${labels}. ${capital(noun)} hieronder hoort nog bij je vorige invoer.`,
  stale: (noun, inputs) => `Let op: ${noun} hieronder hoort bij je laatste geldige invoer: ${inputs}.`,
  refused: (action, labels) => `${action} kan nog niet: verbeter eerst ${labels}.`,
  ignored: (items) =>
    `De link bevatte een ongeldige waarde, die is genegeerd: ${items}. ` +
    "Daarvoor staat nu de standaardwaarde.",
  copied: (noun) => `De link naar ${noun} is gekopieerd. Bewaar hem om later verder te gaan.`,
  copyThis: (noun) => `Kopieer deze link om ${noun} te bewaren:`,
  calendar: "Het agendabestand is gedownload. Open het om de wandelingen in je agenda te zetten.",
};
// A field is calculated after this pause in typing (or at once on leaving it or on
// Enter), so a half-typed "99" of "999" never becomes the plan.
const TYPING_PAUSE_MS = 700;

function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

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
  caption: (chart) => chart.caption,
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

const SVG = "http://www.w3.org/2000/svg";

function shape(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = String(text);
  return element;
}

// Draws the shapes the calculator computed (calculators/chart.py), as chart-shapes.html does.
function renderChart(svg, chart) {
  svg.closest("[data-result-chart-box]").hidden = !chart;
  if (!chart) return svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
  svg.replaceChildren(
    shape("text", { class: "wg-chart__axis-name", x: 0, y: 10 }, chart.axis),
    ...chart.ticks.flatMap((tick) => [
      shape("line", { class: "wg-chart__grid", x1: chart.left, x2: chart.width, y1: tick.y, y2: tick.y }),
      shape("text", { class: "wg-chart__tick", x: chart.left - 4, y: tick.y + 4, "text-anchor": "end" }, tick.value),
    ]),
    ...chart.bars.flatMap((bar) => [
      shape("rect", { x: bar.x, y: bar.y, width: bar.width, height: bar.height }),
      shape("text", { class: "wg-chart__value", x: bar.center, y: bar.y - 3, "text-anchor": "middle" }, bar.value),
      shape("text", { class: "wg-chart__label", x: bar.center, y: chart.base + 13, "text-anchor": "middle" }, bar.label),
    ]),
  );
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
  for (const svg of box.querySelectorAll("[data-result-chart]")) renderChart(svg, result[svg.dataset.resultChart]);
  for (const element of box.querySelectorAll("[data-result-show]")) element.hidden = !result[element.dataset.resultShow];
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

// The link's values go into the form; the caller checks them like any other input.
// Returns the inputs that were filled.
function fillFromLink(widget, form) {
  const prefix = `${widget.id}.`;
  const filled = [];
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    const input = key.startsWith(prefix) && form.elements.namedItem(key.slice(prefix.length));
    if (input) {
      input.value = value;
      filled.push(input);
    }
  }
  return filled;
}

// ---- Whole, valid input ------------------------------------------------------------
//
// A plan only ever comes from a whole form that Python accepted. Each widget keeps its
// last valid inputs and result; while a field is invalid the plan on screen is marked
// as belonging to those, and every action (link, print, calendar, remember) first
// asks validInputs(), which refuses with a message naming what to fix.

const controllers = new WeakMap();

function fieldLabel(form, name) {
  const input = form.elements.namedItem(name);
  const label = input && input.id ? form.querySelector(`label[for="${input.id}"]`) : null;
  return label ? label.firstChild.textContent.trim() : name;
}

function listLabels(form, errors) {
  const labels = [...new Set(errors.map((error) => (error.field ? `"${fieldLabel(form, error.field)}"` : "de invoer")))];
  return labels.length > 1 ? `${labels.slice(0, -1).join(", ")} en ${labels.at(-1)}` : labels[0];
}

// ["Wandeltijd per dag nu 10 minuten", "Doel per dag 30 minuten", ...] for the inputs that are set.
function describeInputs(form, params) {
  return Object.entries(params)
    .filter(([, value]) => value !== "")
    .map(([name, value]) => {
      const input = form.elements.namedItem(name);
      const shown = input && input.tagName === "SELECT" ? input.querySelector(`option[value="${value}"]`)?.textContent : value;
      const unit = input?.parentElement.querySelector(".wg-field__unit")?.textContent;
      return `${fieldLabel(form, name)} ${shown}${unit ? ` ${unit}` : ""}`;
    });
}

// The form's inputs and their values, for the printed plan.
function fillPrintedInputs(widget, form, params) {
  const list = widget.querySelector("[data-print-inputs]");
  if (!list) return;
  list.replaceChildren(
    ...describeInputs(form, params).map((text) => Object.assign(document.createElement("li"), { textContent: text })),
  );
}

function connect(widget) {
  const form = widget.querySelector("[data-calculator-form]");
  const name = widget.dataset.calculator;
  const noun = widget.dataset.resultNoun || "het schema";
  const box = widget.querySelector("[data-calculator-result]");
  const staleNote = widget.querySelector("[data-calculator-stale]");
  let latest = 0;
  let timer = null;
  let lastValid = null;

  function markStale(stale) {
    if (stale) box.dataset.stale = "";
    else delete box.dataset.stale;
    if (staleNote) {
      staleNote.textContent = stale ? TEXT.stale(noun, describeInputs(form, lastValid.params).join(", ")) : "";
      staleNote.hidden = !stale;
    }
  }

  function apply(result, params) {
    if (result.ok) {
      lastValid = { params, result };
      showErrors(widget, []);
      renderResult(widget, result);
      markStale(false);
      setStatus(widget, TEXT.updated(noun), "live");
      // The page's address only ever holds a valid set of inputs.
      window.history.replaceState(null, "", linkFor(widget, params));
    } else {
      // Keep the previous plan, marked as such; show what is wrong next to the field.
      showErrors(widget, result.errors);
      markStale(true);
      setStatus(widget, TEXT.invalid(noun, listLabels(form, result.errors)), "invalid");
    }
    widget.dispatchEvent(new CustomEvent("wandelgids:result", { detail: { ok: result.ok, params } }));
  }

  // Calculate the form as it is now; returns the result (null if the worker failed).
  async function update() {
    clearTimeout(timer);
    timer = null;
    const ticket = ++latest;
    const params = readForm(form);
    let result;
    try {
      result = await calculate(name, params);
    } catch {
      return null; // the failed state is already on screen
    }
    if (ticket === latest) apply(result, params); // else a newer change is on its way
    return result;
  }

  function afterPause() {
    clearTimeout(timer);
    timer = setTimeout(update, TYPING_PAUSE_MS);
  }

  // Resolves to { params, result } for the whole, valid form, or null after telling the
  // patient what to fix (the message starts with `action`, e.g. "Afdrukken").
  async function checkInputs(action) {
    const params = readForm(form);
    const result = await update();
    if (result && result.ok) return { params, result };
    if (result) {
      setStatus(widget, TEXT.refused(action, listLabels(form, result.errors)), "invalid");
      const first = result.errors.find((error) => error.field && form.elements.namedItem(error.field));
      if (first) form.elements.namedItem(first.field).focus();
    }
    return null;
  }
  controllers.set(widget, { checkInputs, update });

  // A link with invalid values: those fields get their defaults, and a note says so.
  async function openLink(linked) {
    const note = widget.querySelector("[data-calculator-link-note]");
    const ignored = [];
    let result = await calculate(name, readForm(form)).catch(() => null);
    while (result && !result.ok) {
      const named = result.errors.map((error) => error.field && form.elements.namedItem(error.field)).filter(Boolean);
      const changed = (inputs) => inputs.filter((input) => input.value !== input.defaultValue);
      // A clash between fields (e.g. exhale not longer than inhale) may name a field the
      // link left alone: then the link's own values give way.
      const toReset = changed(named).length ? changed(named) : changed(linked);
      if (!toReset.length) break;
      for (const input of toReset) {
        ignored.push(`${fieldLabel(form, input.name)} "${input.value}"`);
        input.value = input.defaultValue;
        if (input.tagName === "SELECT") for (const option of input.options) option.selected = option.defaultSelected;
      }
      result = await calculate(name, readForm(form)).catch(() => null);
    }
    if (ignored.length && note) {
      note.textContent = TEXT.ignored(ignored.join(", "));
      note.hidden = false;
    }
    return update();
  }

  form.querySelector("fieldset").disabled = false;
  // The pre-rendered plan belongs to the form's own (default) values; read once enabled,
  // since a disabled fieldset's fields are not part of the form's data.
  lastValid = { params: readForm(form), result: null };
  setStatus(widget, TEXT.loading, "loading");
  // Lists calculate at once; typed values after a pause, on leaving the field or on Enter.
  form.addEventListener("input", (event) => (event.target.tagName === "SELECT" ? update() : afterPause()));
  form.addEventListener("focusout", () => {
    if (timer) update();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.tagName === "INPUT") {
      event.preventDefault();
      update();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", () => {
    const note = widget.querySelector("[data-calculator-link-note]");
    if (note) note.hidden = true; // back to the defaults: nothing of the link is left
    setTimeout(update);
  });
  widget.querySelector('[data-calculator-action="print"]').addEventListener("click", async () => {
    const valid = await checkInputs("Afdrukken");
    if (valid) printPlan(widget, form, valid.params);
  });
  widget.querySelector('[data-calculator-action="link"]').addEventListener("click", async () => {
    const valid = await checkInputs("Link kopiëren");
    if (!valid) return;
    const link = linkFor(widget, valid.params).href;
    try {
      await navigator.clipboard.writeText(link);
      setStatus(widget, TEXT.copied(noun), widget.dataset.state);
    } catch {
      setStatus(widget, `${TEXT.copyThis(noun)} ${link}`, widget.dataset.state);
    }
  });
  const calendarButton = widget.querySelector('[data-calculator-action="calendar"]');
  if (calendarButton) {
    calendarButton.addEventListener("click", async () => {
      const valid = await checkInputs("Zet in agenda");
      if (!valid) return;
      download(`wandelschema-${name === "schedule" ? "dag" : "opbouw"}.ics`, calendarFor(name, valid.result));
      setStatus(widget, TEXT.calendar, widget.dataset.state);
    });
  }
  const linked = fillFromLink(widget, form);
  if (linked.length) openLink(linked);
  const showFailure = () => {
    setStatus(widget, TEXT.failedFor(noun), "failed");
    form.querySelector("fieldset").disabled = true;
  };
  ready.then(() => {
    if (widget.dataset.state === "loading") setStatus(widget, TEXT.live, "live");
  }, showFailure);
  document.addEventListener("wandelgids:failed", showFailure);
}

// ---- Printing just one plan ------------------------------------------------------

const PRINTED = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });

// The print stylesheet shows only the widget marked data-printing (its title, the
// inputs, the plan, the date, the contact line and the disclaimer).
function printPlan(widget, form, params) {
  fillPrintedInputs(widget, form, params);
  const date = widget.querySelector("[data-print-date]");
  if (date) date.textContent = PRINTED.format(new Date());
  widget.dataset.printing = "";
  document.documentElement.dataset.printingPlan = "";
  window.addEventListener(
    "afterprint",
    () => {
      delete widget.dataset.printing;
      delete document.documentElement.dataset.printingPlan;
    },
    { once: true },
  );
  window.print();
}

// For other features (calendar, remember): the whole, valid inputs of a widget, or null
// after the widget has said what to fix. `widget` is the element or its id.
function validInputs(widget, action) {
  const element = typeof widget === "string" ? document.getElementById(widget) : widget;
  const controller = element && controllers.get(element);
  if (!controller) return Promise.reject(new Error(`Geen rekenhulp gevonden: ${widget}`));
  return controller.checkInputs(action);
}

window.wandelgids = { ready, calculate, stages, workerResources, validInputs };
// Start at once: the worker loads and runs Pyodide off the main thread, so neither
// first paint nor input waits for it. This script is only on pages with a calculator.
start();
function connectAll() {
  document.querySelectorAll("[data-calculator]").forEach(connect);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", connectAll, { once: true });
else connectAll();
