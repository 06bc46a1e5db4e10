// The worker client: starts the Pyodide worker, sends calculate requests and settles
// each one, with a time limit for the load and for every request. Whatever goes wrong
// (no load, a crash, Python broken, a request that never returns) ends in one failed
// state: `ready` rejects, pending requests reject, and the widgets hear
// "wandelgids:failed" and show the pre-rendered plan.
import { MESSAGE, STAGE, TIMELINE, oversized, refusal } from "../protocol.js";
import { TEXT } from "./text.js";

// A load that stalls (loadPyodide can hang on a missing file) fails after this long.
const READY_TIMEOUT_MS = window.wandelgidsReadyTimeoutMs || 30000;
// A calculation takes milliseconds; one that has not returned after this long never will.
const REQUEST_TIMEOUT_MS = window.wandelgidsRequestTimeoutMs || 15000;

let worker = null;
let nextId = 1;
const pending = new Map();
let limits = null;
let markReady;
let markFailed;
export const ready = new Promise((resolve, reject) => {
  markReady = resolve;
  markFailed = reject;
});
// The page shows failures itself; don't also report them as unhandled.
ready.catch(() => {});
let state = "loading";
export const stages = [{ stage: STAGE.BRIDGE, ms: Math.round(performance.now()) }];
// The worker's own fetches (its resource timeline), for the benchmarks.
export const workerResources = [];

function fail(reason) {
  if (state === "stopped") return;
  state = "stopped";
  if (worker) worker.terminate();
  for (const { reject, timer } of pending.values()) {
    clearTimeout(timer);
    reject(new Error(reason));
  }
  pending.clear();
  markFailed(new Error(reason));
  document.dispatchEvent(new CustomEvent("wandelgids:failed", { detail: { reason } }));
}

function receive(text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch {
    return fail(TEXT.garbled);
  }
  if (TIMELINE.has(message.type)) {
    // Named load stages, in ms since navigation, for the console and the benchmarks.
    stages.push({ stage: message.stage || message.type, ms: Math.round(message.at - performance.timeOrigin) });
  }
  if (message.resources) workerResources.push(...message.resources);
  if (message.type === MESSAGE.READY) {
    limits = message.limits;
    state = "ready";
    markReady();
  } else if (message.type === MESSAGE.FAILED || message.type === MESSAGE.BROKEN) {
    fail(message.message);
  } else if (message.type === MESSAGE.RESULT) {
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    clearTimeout(request.timer);
    // An answer that is no result object means the worker cannot be trusted.
    if (message.result && typeof message.result === "object") request.resolve(message.result);
    else fail(TEXT.garbled);
  }
}

export function start() {
  if (worker || state !== "loading") return;
  const timer = setTimeout(() => fail(TEXT.tooSlow(READY_TIMEOUT_MS / 1000)), READY_TIMEOUT_MS);
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
    fail(event.message || TEXT.noStart);
  });
  worker.addEventListener("message", (event) => receive(event.data));
}

// The request as JSON text, or null when it cannot be one (a cycle, a BigInt, ...).
function requestText(name, params) {
  try {
    return JSON.stringify({ name, params });
  } catch {
    return null;
  }
}

// calculators.calculate(name, params) in the worker: resolves to its result; a request
// over Python's limits resolves to Python's refusal without leaving the page. Rejects
// only when the rekenhulp failed (the widgets already say so).
export async function calculate(name, params) {
  await ready;
  if (state === "stopped") throw new Error(TEXT.failed);
  const request = requestText(name, params);
  if (request === null || oversized(request, limits)) return refusal(limits.refusal);
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => fail(TEXT.noAnswer(REQUEST_TIMEOUT_MS / 1000)), REQUEST_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage(JSON.stringify({ type: MESSAGE.CALCULATE, id, request }));
  });
}
