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
  forgotten: "Je gegevens zijn van dit apparaat gewist.",
  rememberFailed: "Deze browser kan je gegevens niet bewaren (bijvoorbeeld in een privévenster).",
  stale: "Een bewaarde waarde past niet meer bij de rekenhulp en staat weer op de standaardwaarde:",
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
  if ("current_week" in result) markCurrentWeek(box, result);
}

// This week: the row, the bar and a sentence, from the plan's current_week (Python's rule).
function markCurrentWeek(box, result) {
  const week = result.current_week ?? null;
  const line = box.querySelector("[data-current-week]");
  if (line) line.hidden = week === null;
  for (const row of box.querySelectorAll("[data-result-table='weeks'] tbody tr")) {
    const current = week !== null && row.querySelector("[data-cell='week']")?.textContent === String(week);
    row.classList.toggle("wg-current-week", current);
    if (current) row.setAttribute("aria-current", "date");
    else row.removeAttribute("aria-current");
  }
  // The chart has one bar (rect) per week, in order; its caption says which one is marked.
  for (const svg of box.querySelectorAll("svg[data-result-chart]")) {
    svg.querySelectorAll("rect").forEach((rect, index) => rect.classList.toggle("wg-current-week", index + 1 === week));
    const caption = svg.closest("figure")?.querySelector("figcaption");
    if (caption && week !== null) caption.textContent += ` De staaf van week ${week}, deze week, is gemarkeerd.`;
  }
}

// Today's date on the patient's own calendar, for calculators that ask for it.
function withToday(widget, params) {
  const field = widget.dataset.todayField;
  return field ? { ...params, [field]: localDate(new Date()) } : params;
}

function showErrors(widget, errors) {
  const byField = new Map(errors.map((error) => [error.field ?? "", error.message]));
  // A form's own fields: the plan's form, or the calendar's (given as the form itself).
  const scope = widget.matches("form") ? widget : widget.querySelector("[data-calculator-form]");
  for (const slot of scope.querySelectorAll("[data-field-error]")) {
    const message = byField.get(slot.dataset.fieldError);
    slot.textContent = message || "";
    slot.hidden = !message;
    const input = scope.querySelector(`[name="${slot.dataset.fieldError}"]`);
    if (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
}

// ---- Keeping a plan: the calendar file that Python writes ---------------------------

function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// The first Monday after today on the patient's own calendar: the suggested start.
function nextMonday(today = new Date()) {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, 12);
  while (date.getDay() !== 1) date.setDate(date.getDate() + 1);
  return localDate(date);
}

// "Zet in agenda" opens the calendar's own form (start date, and weeks for walks that
// repeat); its submit asks Python for the file and downloads the text as it is.
function connectCalendar(widget, form, name, update) {
  const button = widget.querySelector('[data-calculator-action="calendar"]');
  const panel = widget.querySelector("[data-calendar-form]");
  if (!button || !panel) return;
  const start = panel.elements.namedItem("start_date");
  button.addEventListener("click", () => {
    panel.hidden = false;
    panel.querySelector("fieldset").disabled = false;
    button.setAttribute("aria-expanded", "true");
    if (!start.value) start.value = form.elements.namedItem("start_date")?.value || nextMonday();
    start.focus();
  });
  panel.addEventListener("submit", async (event) => {
    event.preventDefault();
    let plan;
    let result;
    try {
      plan = await calculate(name, withToday(widget, readForm(form)));
      if (!plan.ok) return update(); // shows what to fix in the plan first
      result = await calculate("calendar", { ...readForm(panel), plan });
    } catch {
      return; // the failed state is already on screen
    }
    if (!result.ok) {
      // An error without a field of this form (there is none in practice) shows at the form.
      const own = new Set([...panel.elements].map((element) => element.name));
      return showErrors(panel, result.errors.map((error) => (own.has(error.field) ? error : { ...error, field: null })));
    }
    showErrors(panel, []);
    download(result.filename, result.ics);
    setStatus(widget, `${TEXT.calendar} ${result.summary}`, widget.dataset.state);
  });
}

function download(filename, text) {
  const link = Object.assign(document.createElement("a"), {
    href: URL.createObjectURL(new Blob([text], { type: "text/calendar" })),
    download: filename,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// ---- Remember on this device (opt-in, localStorage, never sent anywhere) ----------

const REMEMBER_PREFIX = "wandelgids.onthoud.";

function defaultValue(control) {
  if (control instanceof HTMLSelectElement) {
    return ([...control.options].find((option) => option.defaultSelected) || control.options[0] || { value: "" }).value;
  }
  return control.defaultValue;
}

function fieldLabel(form, control) {
  const label = form.querySelector(`label[for="${control.id}"]`);
  return label ? label.firstChild.textContent.trim() : control.name;
}

// Per calculator, so the same calculator on another page finds the same inputs.
// Only whole, valid input is saved (save() is called with a plan's inputs), and only
// while the box is ticked. Python judges restored values like any other input.
function connectRemember(widget, form, name) {
  const box = widget.querySelector("[data-remember]");
  const none = { save() {}, restore: async () => false };
  if (!box) return none;
  const tick = box.querySelector("[data-remember-tick]");
  const note = box.querySelector("[data-remember-note]");
  const key = REMEMBER_PREFIX + name;
  let store = null;
  try {
    store = window.localStorage;
  } catch {
    store = null; // storage blocked: the box says so when ticked
  }
  const say = (text) => {
    note.textContent = text;
    note.hidden = !text;
  };
  const forget = () => {
    try {
      store?.removeItem(key);
    } catch {
      // nothing stored, nothing to forget
    }
  };
  function save(values) {
    if (!tick.checked) return;
    try {
      store.setItem(key, JSON.stringify({ values }));
    } catch {
      say(TEXT.rememberFailed);
    }
  }
  function stored() {
    try {
      const data = JSON.parse(store?.getItem(key) ?? "null");
      return data && typeof data.values === "object" && data.values !== null ? data.values : null;
    } catch {
      return null;
    }
  }
  // Put the stored inputs back; fields the rules now refuse return to their defaults
  // with a visible note. Resolves to true when something was restored.
  async function restore() {
    const values = stored();
    if (!values) return false;
    tick.checked = true;
    const changed = [];
    for (const [field, value] of Object.entries(values)) {
      const control = form.elements.namedItem(field);
      if (!control || control.type === "checkbox") continue;
      control.value = String(value);
      if (control.value !== String(value)) changed.push(control); // e.g. a choice that no longer exists
    }
    let result;
    try {
      result = await calculate(name, withToday(widget, readForm(form)));
    } catch {
      return true;
    }
    if (!result.ok) {
      const refused = new Set(result.errors.map((error) => error.field ?? ""));
      for (const control of form.elements) {
        if (control.name && (refused.has(control.name) || refused.has("")) && control.value !== defaultValue(control)) {
          changed.push(control);
        }
      }
    }
    for (const control of changed) control.value = defaultValue(control);
    if (changed.length) say(`${TEXT.stale} ${[...new Set(changed.map((c) => fieldLabel(form, c)))].join(", ")}.`);
    return true;
  }
  tick.addEventListener("change", () => {
    say("");
    if (!tick.checked) forget();
    else if (!store) say(TEXT.rememberFailed);
    form.dispatchEvent(new Event("input")); // a valid plan is saved as soon as it is calculated
  });
  box.querySelector("[data-remember-forget]").addEventListener("click", () => {
    forget();
    tick.checked = false;
    say(TEXT.forgotten);
  });
  tick.checked = stored() !== null;
  box.disabled = false;
  return { save, restore };
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
  const remember = connectRemember(widget, form, name);

  async function update() {
    const ticket = ++latest;
    let result;
    try {
      result = await calculate(name, withToday(widget, readForm(form)));
    } catch {
      return; // the failed state is already on screen
    }
    if (ticket !== latest) return; // a newer change is on its way
    if (result.ok) {
      showErrors(widget, []);
      renderResult(widget, result);
      setStatus(widget, TEXT.updated, "live");
      remember.save(readForm(form));
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
  connectCalendar(widget, form, name, update);
  if (fillFromLink(widget, form)) update();
  else remember.restore().then((restored) => restored && update());
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
