// The protocol between the page's bridge (calculators/client.js) and the Pyodide
// worker (calculator-worker.js): message types, load stages and the request check.
// Both import this file; the build copies it into the content-hashed Pyodide folder
// beside the worker (scripts/hooks/pyodide_assets.py), so the worker's "./protocol.js"
// is cached with it. It imports nothing, so that copy needs nothing else.
//
// Every message is JSON text. Page -> worker: {type: CALCULATE, id, request}, request
// being the JSON text {"name":..., "params":{...}}. Worker -> page: STAGE messages,
// then exactly one READY (with the limits and how Python started: from the memory
// snapshot or normally) or FAILED (with its CAUSE); PROGRESS while files arrive; one
// RESULT per request id; BROKEN when the worker can no longer calculate (the page then
// shows it failed); after READY, one STAGE SNAPSHOT. The page may send CONFIG once, at start,
// and sends START once it is shown (a worker with no snapshot kept waits for it).

export const MESSAGE = Object.freeze({
  CALCULATE: "calculate",
  STAGE: "stage",
  READY: "ready",
  FAILED: "failed",
  BROKEN: "broken",
  RESULT: "result",
  PROGRESS: "progress",
  CONFIG: "config",
  // Page -> worker: the page is shown, downloads may begin (a first visit's worker waits
  // for it; one with a kept snapshot needs no network and does not wait).
  START: "start",
});

// Why a load failed, as far as the browser can tell; the page names it in Dutch.
export const CAUSE = Object.freeze({
  CONNECTION: "connection", // nothing arrived for a while, or a request failed
  WEBASSEMBLY: "webassembly", // WebAssembly switched off or blocked (policy, lockdown mode)
  BROWSER: "browser", // a browser without what Pyodide needs (module workers, wasm features)
  PYTHON: "python", // everything arrived, but Python itself did not start
});

// A load fails only after this long without a byte arriving (not after this long in
// all): a slow link that keeps moving always gets there.
export const LOAD_SILENCE_MS = 30000;

// Named load stages, in order, for the console and the benchmarks (scripts/bench.py).
export const STAGE = Object.freeze({
  BRIDGE: "bridge",
  WORKER: "worker",
  // Nothing kept: the worker waits for the page's START before it downloads anything.
  WAITING: "waiting",
  PACKAGE: "package",
  PYTHON: "python",
  // After READY: what became of the memory snapshot for the next visit (NEXT_VISIT;
  // calculator-worker.js).
  SNAPSHOT: "snapshot",
});

// What became of the memory snapshot for the next visit (the SNAPSHOT stage's `snapshot`).
export const NEXT_VISIT = Object.freeze({
  RESTORED: "restored", // this visit restored it: it is kept
  FETCHED: "fetched", // fetched after live, for the next visit
  SAVE_DATA: "save-data", // not fetched: the browser asks to save data
  FAILED: "failed", // a kept one could not be used; not fetched again
  ERROR: "error", // fetching it failed; the next visit starts normally
});

// The messages that mark a point on the load timeline.
export const TIMELINE = new Set([MESSAGE.STAGE, MESSAGE.READY, MESSAGE.FAILED]);

// A request's size and nesting, measured on its text in one linear pass (no parsing,
// so no recursion: Pyodide's stack overflows at a few thousand levels and never
// recovers). `limits` come from Python (calculators.api.request_limits()) with READY,
// so Python keeps the one rule and its Dutch refusal; Python checks the same itself.
// Returns null when the request may go to Python, else the reason ("size"/"depth").
export function oversized(text, limits) {
  if (text.length > limits.max_bytes || new TextEncoder().encode(text).length > limits.max_bytes) return "size";
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > limits.max_depth) return "depth";
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return null;
}

// The answer for a request that is refused before Python sees it: the API's own shape.
export function refusal(message) {
  return { ok: false, calculator: null, errors: [{ field: null, message }] };
}

// Counts how long the thread waited with nothing arriving; `touch()` on every sign of
// progress. Time the thread itself was busy (a tick that came late: Python starting,
// a page script running) is not silence, so only a stalled network trips it.
export function silenceClock(limitMs, onSilent) {
  const TICK_MS = 250;
  let silent = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    silent += Math.min(gap, 2 * TICK_MS);
    if (silent >= limitMs) {
      clearInterval(timer);
      onSilent();
    }
  }, TICK_MS);
  return {
    touch: () => {
      silent = 0;
    },
    stop: () => clearInterval(timer),
    get limit() {
      return limitMs;
    },
    set limit(ms) {
      limitMs = ms;
    },
  };
}
