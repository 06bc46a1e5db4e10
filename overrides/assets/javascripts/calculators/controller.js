// The widget controller: keeps one widget's plan live while the patient types.
//
// A plan only ever comes from a whole form that Python accepted. Each widget keeps its
// last valid inputs and result; while a field is invalid the plan on screen is marked
// as belonging to those, and every action (link, print, calendar, remember) first
// asks checkInputs(), which refuses with a message naming what to fix.
import { connectActions } from "./actions/registry.js";
import { calculate, loadState, ready, restart } from "./client.js";
import { confirmAction, localDate, readForm, setStatus, setUpdated, withToday } from "./form.js";
import { renderResult, showErrors } from "./render.js";
import { TEXT } from "./text.js";
import { typingPause } from "./typing.js";

// A typed field is calculated after a pause in typing (typing.js); its message waits longer,
// so "45" typed slowly is not told 4 is too low.
const MESSAGE_PAUSE_MS = 1500;

// What to fix, as Python names it; a request the bridge itself refused is about the whole input.
const fieldsText = (result) => result.fields_text || TEXT.wholeInput;
const controllers = new WeakMap();
// The connected widgets' listeners on the document, ended when their page is swapped out.
const connected = new Map();

export function disconnectGone() {
  for (const [widget, stop] of connected) {
    if (widget.isConnected) continue;
    stop.abort();
    connected.delete(widget);
  }
}

export function connect(widget) {
  if (controllers.has(widget)) return;
  const stop = new AbortController();
  connected.set(widget, stop);
  const { signal } = stop;
  const form = widget.querySelector("[data-calculator-form]");
  const name = widget.dataset.calculator;
  const noun = widget.dataset.resultNoun || "het schema";
  const box = widget.querySelector("[data-calculator-result]");
  const staleNote = widget.querySelector("[data-calculator-stale]");
  // The build's plan for the default inputs: what a failed rekenhulp shows again.
  const prerendered = box.cloneNode(true);
  let latest = 0;
  const typing = typingPause(widget.querySelector("[data-calculator-actions]"), signal, { ticket: () => latest, calculate: update });
  let lastInputs = []; // the last valid result's inputs, as Python wrote them (result.inputs)
  let failed = false;
  // While Python loads: the one queued run of each action (the latest tap wins), and
  // whether the status acknowledges something the patient did.
  const queued = new Map();
  let acknowledged = ""; // the status's answer to what the patient did, while loading
  let progressShown = 0;
  const retry = widget.querySelector("[data-calculator-retry]");
  const loading = () => loadState().state === "loading";
  let [messageTimer, typedAt] = [null, 0]; // typedAt: the last key into a typed field (0: not typing)

  function markStale(stale) {
    if (stale) box.dataset.stale = "";
    else delete box.dataset.stale;
    if (staleNote) {
      staleNote.textContent = stale ? TEXT.stale(noun, lastInputs.join(", ")) : "";
      staleNote.hidden = !stale;
    }
  }

  function apply(result, params, ticket = latest) {
    if (result.ok) {
      lastInputs = result.inputs;
      showErrors(form, []);
      renderResult(widget, result);
      markStale(false);
      setUpdated(widget, TEXT.updated(noun), result);
      actions.valid(params, result);
    } else {
      const wait = typedAt ? typedAt + MESSAGE_PAUSE_MS - performance.now() : 0;
      const later = () => ticket === latest && !failed && apply(result, params, ticket, (typedAt = 0));
      if (wait > 0) return void (messageTimer = setTimeout(later, wait));
      // Keep the previous plan, marked as such; show what is wrong next to the field.
      showErrors(form, result.errors);
      markStale(true);
      setStatus(widget, TEXT.invalid(noun, fieldsText(result)), "invalid");
    }
    widget.dispatchEvent(new CustomEvent("wandelgids:result", { detail: { ok: result.ok, params } }));
  }

  // Calculate the form as it is now; returns the result (null if the worker failed).
  async function update() {
    typing.cancel();
    if (failed) return null;
    const ticket = ++latest;
    const params = readForm(form);
    let result;
    try {
      // Today's date goes along: Python writes it in Dutch for the printout (today_text).
      result = await calculate(name, withToday(widget, params), localDate(new Date()));
    } catch {
      return null; // the failed state is already on screen
    }
    if (ticket === latest && !failed) apply(result, params, ticket); // else a newer change is on its way
    return result;
  }

  function afterPause() {
    clearTimeout(messageTimer);
    typedAt = performance.now();
    typing.typed();
  }

  // Typed while Python loads: said at once, and the plan marked as not yet calculated.
  function acknowledgeInput() {
    if (!loading() || failed) return;
    acknowledged = TEXT.waitingInput(noun);
    box.dataset.stale = "";
    if (staleNote) {
      staleNote.textContent = TEXT.notYet(noun);
      staleNote.hidden = false;
    }
    setStatus(widget, acknowledged, "loading");
  }

  // The download's progress in the status, at most every few seconds (it is a live region).
  function showProgress(progress) {
    if (failed || performance.now() - progressShown < 3000) return;
    progressShown = performance.now();
    setStatus(widget, [acknowledged, TEXT.progress(progress)].filter(Boolean).join(" "), "loading");
  }

  // Resolves to { params, result } for the whole, valid form, or null after telling the
  // patient what to fix (the message starts with `action`, e.g. "Afdrukken").
  async function checkInputs(action) {
    if (loading()) {
      // Acknowledged now; runs once, on the inputs as they are when Python is ready.
      // An earlier tap on the same action never settles: the latest one runs instead.
      acknowledged = TEXT.waitingAction(action);
      setStatus(widget, acknowledged, "loading");
      const turn = {};
      queued.set(action, turn);
      try {
        await ready();
      } catch {
        return null; // the failed state is on screen
      }
      if (queued.get(action) !== turn) return new Promise(() => {});
      queued.delete(action);
    }
    typedAt = 0;
    const params = readForm(form);
    const result = await update();
    if (result && result.ok) return { params, result };
    if (result) {
      setStatus(widget, TEXT.refused(action, fieldsText(result)), "invalid");
      const first = result.errors.find((error) => error.field && form.elements.namedItem(error.field));
      if (first) form.elements.namedItem(first.field).focus();
    }
    return null;
  }

  // Failed for good (no load, a crash, no answer): the build's plan with its default
  // inputs, and a form that cannot be used.
  function showFailure(event) {
    if (failed) return;
    failed = true;
    acknowledged = "";
    queued.clear();
    typing.cancel();
    form.reset();
    box.replaceChildren(...prerendered.cloneNode(true).childNodes);
    delete box.dataset.stale;
    if (staleNote) staleNote.hidden = true;
    showErrors(form, []);
    const wasUsed = widget.dataset.state !== "loading";
    const cause = event?.detail?.cause ?? loadState().cause;
    setStatus(widget, wasUsed ? TEXT.brokenFor(noun) : TEXT.failedFor(noun, cause), "failed");
    for (const fieldset of widget.querySelectorAll("fieldset")) fieldset.disabled = true;
    if (retry) retry.hidden = false;
  }

  // "Opnieuw proberen" started a new worker: the form works again while it loads.
  function resume() {
    failed = false;
    progressShown = 0;
    if (retry) retry.hidden = true;
    enableForm();
    setStatus(widget, TEXT.progress(null), "loading");
    actions.open().then((opened) => opened && update());
  }

  const enableForm = () =>
    widget.querySelectorAll("[data-calculator-form] fieldset, [data-calculator-actions]").forEach((set) => (set.disabled = false));

  function live() {
    acknowledged = "";
    if (widget.dataset.state === "loading") setStatus(widget, TEXT.live, "live");
  }

  const confirm = (text, result) => confirmAction(widget, text, result);
  const context = { widget, form, name, noun, calculate, checkInputs, update, confirm };
  const actions = connectActions(context);
  controllers.set(widget, context);

  enableForm();
  // The pre-rendered plan's inputs, as the build's Python wrote them into the printout.
  lastInputs = [...widget.querySelectorAll("[data-print-inputs] li")].map((line) => line.textContent.trim());
  setStatus(widget, TEXT.progress(loadState().progress), "loading");
  // Lists calculate at once; typed values after a pause, on leaving the field or on Enter.
  form.addEventListener("input", (event) => {
    acknowledgeInput();
    if (event.target.tagName === "SELECT") update();
    else afterPause();
  });
  form.addEventListener("focusout", () => (typedAt = 0) || ((typing.pending() || messageTimer) && typing.now()));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.tagName === "INPUT") {
      event.preventDefault();
      typedAt = 0;
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
  actions.open().then((opened) => opened && update());
  retry?.addEventListener("click", () => restart());
  // The shared load's events; a widget on a page swapped in later starts where it is.
  const { state } = loadState();
  if (state === "ready") live();
  else if (state === "failed") showFailure();
  document.addEventListener("wandelgids:loading", (event) => (failed ? resume() : showProgress(event.detail.progress)), {
    signal,
  });
  document.addEventListener("wandelgids:ready", live, { signal });
  document.addEventListener("wandelgids:failed", showFailure, { signal });
}

// For other features: the whole, valid inputs of a widget, or null after the widget
// has said what to fix. `widget` is the element or its id.
export function validInputs(widget, action) {
  const element = typeof widget === "string" ? document.getElementById(widget) : widget;
  const controller = element && controllers.get(element);
  if (!controller) return Promise.reject(new Error(`Geen rekenhulp gevonden: ${widget}`));
  return controller.checkInputs(action);
}
