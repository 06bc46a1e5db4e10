// The protocol between the page's bridge (calculators/client.js) and the Pyodide
// worker (calculator-worker.js): message types, load stages and the request check.
// Both import this file; the build copies it into the content-hashed Pyodide folder
// beside the worker (scripts/hooks/pyodide_assets.py), so the worker's "./protocol.js"
// is cached with it. It imports nothing, so that copy needs nothing else.
//
// Every message is JSON text. Page -> worker: {type: CALCULATE, id, request}, request
// being the JSON text {"name":..., "params":{...}}. Worker -> page: STAGE messages,
// then exactly one READY (with the limits) or FAILED; one RESULT per request id; and
// BROKEN when the worker can no longer calculate (the page then shows it failed).

export const MESSAGE = Object.freeze({
  CALCULATE: "calculate",
  STAGE: "stage",
  READY: "ready",
  FAILED: "failed",
  BROKEN: "broken",
  RESULT: "result",
});

// Named load stages, in order, for the console and the benchmarks (scripts/bench.py).
export const STAGE = Object.freeze({
  BRIDGE: "bridge",
  WORKER: "worker",
  PACKAGE: "package",
  PYTHON: "python",
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
