// The worker client: starts the Pyodide worker, follows its load, sends calculate
// requests and settles each one. A load fails only when nothing has arrived for a
// while (the worker watches its own downloads, load-watch.js; this side watches for a
// worker that never says anything) or Python itself fails; then `ready` rejects,
// pending requests reject, and the widgets hear "wandelgids:failed" with the likely
// cause and offer "Opnieuw proberen" (restart(): a new worker, no page reload).
//
// Document events for the widgets (controller.js):
//   wandelgids:loading  detail { progress }   a (re)start, and each step of the download
//   wandelgids:ready                          the worker calculates
//   wandelgids:failed   detail { reason, cause }  no load, a crash, no answer
import { CAUSE, LOAD_SILENCE_MS, MESSAGE, STAGE, TIMELINE, oversized, refusal, silenceClock } from "../protocol.js";
import { TEXT } from "./text.js";

// Tests set shorter limits; a visitor gets the protocol's.
const SILENCE_MS = window.wandelgidsSilenceMs || LOAD_SILENCE_MS;
// Once the worker speaks it guards its own downloads; this side then only catches a
// worker that went quiet for good (a crash without an error event).
const QUIET_WORKER_MS = Math.max(4 * SILENCE_MS, 60000);
// "De verbinding is traag" once the rest of the download would take longer than this.
const SLOW_REST_MS = window.wandelgidsSlowMs || 20000;
// The head's look in Cache Storage takes milliseconds; the bridge waits at most this long.
const EARLY_CHECK_MS = 1000;
// A calculation takes milliseconds; one that has not returned after this long never will.
const REQUEST_TIMEOUT_MS = window.wandelgidsRequestTimeoutMs || 15000;

let attempt = null;
let nextId = 1;
export const stages = [{ stage: STAGE.BRIDGE, ms: Math.round(performance.now()) }];
// The worker's own fetches (its resource timeline), for the benchmarks.
export const workerResources = [];

const emit = (type, detail) => document.dispatchEvent(new CustomEvent(`wandelgids:${type}`, { detail }));

// {files: {name: [size, wire size]}, steps: ["0,0", ..., "3,1"], start: {worker}} from the
// build (load_status.py).
function loadSizes() {
  try {
    return JSON.parse(document.querySelector('meta[name="wandelgids-load"]').content);
  } catch {
    return null;
  }
}

// How far the download is, in the build's own Dutch figures; null without them.
function progressOf(current) {
  const sizes = loadSizes();
  if (!sizes || !sizes.steps.length) return null;
  let done = 0;
  let total = 0;
  for (const [name, [size, wire]] of Object.entries(sizes.files)) {
    total += wire;
    done += size ? wire * Math.min(1, (current.files[name] || 0) / size) : wire;
  }
  const last = sizes.steps.length - 1;
  const elapsed = performance.now() - current.started;
  const rest = done > 0 ? ((total - done) * elapsed) / done : Infinity;
  // Once said, it stays said for this load: a note that comes and goes reads as noise.
  current.slow ||= done >= total * 0.05 && rest > SLOW_REST_MS;
  return {
    done: sizes.steps[Math.min(last, Math.floor(done / 100000))],
    total: sizes.steps[last],
    slow: current.slow,
  };
}

function fail(current, reason, cause = null) {
  if (current.state !== "loading" && current.state !== "ready") return;
  current.state = "failed";
  current.cause = cause;
  current.clock.stop();
  if (current.worker) current.worker.terminate();
  for (const { reject, timer } of current.pending.values()) {
    clearTimeout(timer);
    reject(new Error(reason));
  }
  current.pending.clear();
  current.markFailed(new Error(reason));
  if (current === attempt) emit("failed", { reason, cause });
}

function receive(current, text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch {
    return fail(current, TEXT.garbled);
  }
  if (current.state === "loading") {
    current.clock.touch();
    current.clock.limit = QUIET_WORKER_MS;
  }
  if (TIMELINE.has(message.type)) {
    // Named load stages, in ms since navigation, for the console and the benchmarks.
    // READY says how Python started ({restored: true} or {restored: false, fallback, cached}),
    // the SNAPSHOT stage what became of the snapshot for the next visit (calculator-worker.js).
    const { start, snapshot } = message;
    stages.push({ stage: message.stage || message.type, ms: Math.round(message.at - performance.timeOrigin), start, snapshot });
  }
  if (message.resources) workerResources.push(...message.resources);
  if (message.type === MESSAGE.PROGRESS && current.state === "loading") {
    current.files = message.files || {};
    current.progress = progressOf(current);
    emit("loading", { progress: current.progress });
  } else if (message.type === MESSAGE.READY) {
    current.limits = message.limits;
    current.state = "ready";
    current.clock.stop();
    current.markReady();
    emit("ready");
  } else if (message.type === MESSAGE.FAILED) {
    fail(current, message.message, message.cause || CAUSE.PYTHON);
  } else if (message.type === MESSAGE.BROKEN) {
    fail(current, message.message);
  } else if (message.type === MESSAGE.RESULT) {
    const request = current.pending.get(message.id);
    if (!request) return;
    current.pending.delete(message.id);
    clearTimeout(request.timer);
    // An answer that is no result object means the worker cannot be trusted.
    if (message.result && typeof message.result === "object") request.resolve(message.result);
    else fail(current, TEXT.garbled);
  }
}

// The names the page starts the worker with (wandelgids/load_status.py: "start").
const startNames = () => loadSizes()?.start;

function listen(current, worker, moduleWorkers) {
  current.worker = worker;
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(current, event.message || TEXT.noStart, moduleWorkers ? CAUSE.CONNECTION : CAUSE.BROWSER);
  });
  worker.addEventListener("message", (event) => receive(current, event.data));
  if (window.wandelgidsSilenceMs) worker.postMessage(JSON.stringify({ type: MESSAGE.CONFIG, silenceMs: SILENCE_MS }));
  // The page is shown (this module runs after it): downloads may begin.
  worker.postMessage(JSON.stringify({ type: MESSAGE.START }));
}

// A new worker from the content-hashed Pyodide folder; it starts loading at once.
function spawn(current) {
  let moduleWorkers = false;
  let worker;
  try {
    const folder = new URL(document.querySelector('meta[name="wandelgids-pyodide"]').content, document.baseURI);
    const options = {
      // Read only by browsers that have module workers (an older one ignores `type`).
      get type() {
        moduleWorkers = true;
        return "module";
      },
    };
    worker = new Worker(new URL(startNames().worker, folder), options);
  } catch (error) {
    fail(current, String(error), moduleWorkers ? CAUSE.CONNECTION : CAUSE.BROWSER);
    return;
  }
  listen(current, worker, moduleWorkers);
}

// The worker the page's head started (partials/calculator-start.html): what it said before
// the bridge was here is read first, in order, then it is ours.
function adopt(current, early) {
  window.wandelgidsEarlyWorker = null;
  early.worker.onmessage = null;
  early.worker.onerror = null;
  listen(current, early.worker, early.moduleWorkers);
  for (const text of early.messages) receive(current, text);
  if (early.errors.length) fail(current, early.errors[0] || TEXT.noStart, early.moduleWorkers ? CAUSE.CONNECTION : CAUSE.BROWSER);
}

// Starts the worker unless one is loading or live; after a failure, a new one. The first
// start takes over the worker the head started (a page swapped in by instant navigation
// has none: then a new one too).
export function start() {
  if (attempt && attempt.state !== "failed") return;
  const current = { state: "loading", pending: new Map(), files: {}, progress: null, started: performance.now() };
  current.ready = new Promise((resolve, reject) => {
    current.markReady = resolve;
    current.markFailed = reject;
  });
  current.ready.catch(() => {}); // the widgets show failures themselves
  const first = attempt === null;
  attempt = current;
  // Until the worker's first message, nothing has arrived: its script did not come.
  current.clock = silenceClock(SILENCE_MS, () => fail(current, TEXT.tooSlow(SILENCE_MS / 1000), CAUSE.CONNECTION));
  emit("loading", { progress: null });
  const check = first && window.wandelgidsEarlyCheck;
  if (!check) return attach(current, first);
  // The head is still asking Cache Storage whether a snapshot is kept: its answer first
  // (milliseconds), but never more than EARLY_CHECK_MS; the head ignores a later answer.
  Promise.race([check, new Promise((resolve) => setTimeout(resolve, EARLY_CHECK_MS))]).then(() => {
    window.wandelgidsEarlyCheck = null;
    if (current.state === "loading") attach(current, first);
  });
}

// The worker the page's head started, else a new one.
function attach(current, first) {
  const early = first && window.wandelgidsEarlyWorker;
  // Whether the page's head had started it, for the console, the tests and the benchmarks.
  if (first) stages[0].adopted = Boolean(early);
  if (early) adopt(current, early);
  else spawn(current);
}

// "Opnieuw proberen": a new worker after a failure (no page reload).
export const restart = start;

// Settles when the current worker can calculate (rejects when it failed).
export const ready = () => attempt.ready;

// Where the load is now, for a widget that connects later (a page swapped in).
export function loadState() {
  return { state: attempt.state, progress: attempt.progress, cause: attempt.cause };
}

// The request as JSON text, or null when it cannot be one (a cycle, a BigInt, ...).
function requestText(name, params, today) {
  try {
    return JSON.stringify(today ? { name, params, today } : { name, params });
  } catch {
    return null;
  }
}

// calculators.calculate(name, params) in the worker: resolves to its result; a request
// over Python's limits resolves to Python's refusal without leaving the page. Rejects
// only when the rekenhulp failed (the widgets already say so).
// `today` (optional, YYYY-MM-DD): the patient's day, which Python returns in Dutch (today_text).
export async function calculate(name, params, today) {
  const current = attempt;
  await current.ready;
  if (current.state !== "ready") throw new Error(TEXT.failed);
  const request = requestText(name, params, today);
  if (request === null || oversized(request, current.limits)) return refusal(current.limits.refusal);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => fail(current, TEXT.noAnswer(REQUEST_TIMEOUT_MS / 1000)), REQUEST_TIMEOUT_MS);
    current.pending.set(id, { resolve, reject, timer });
    current.worker.postMessage(JSON.stringify({ type: MESSAGE.CALCULATE, id, request }));
  });
}
