// Pyodide in a module worker: loads the runtime and the calculators wheel, then
// answers calculate requests. Every message is JSON text in both directions, and
// Python parses and serialises it (calculators.calculate_json), so the browser gets
// exactly what CPython's calculators.calculate returns.
//
// The build serves this file from the content-hashed Pyodide folder
// (scripts/hooks/pyodide_assets.py), so the static import below is that folder's
// pyodide.mjs: it is fetched with the worker itself, and loading starts at once,
// without waiting for a message from the page.
//
// Messages out: {"type":"stage","stage":...}, then exactly one {"type":"ready"} or
// {"type":"failed","message":...}; per request {"type":"result","id":n,"result":{...}};
// {"type":"broken","message":...} if Python later lacks a module (the page then fails).
import { loadPyodide } from "./pyodide.mjs";

const INDEX_URL = new URL("./", import.meta.url).href;
// Only the standard library modules the calculators use (scripts/stdlib_cut.py).
const STDLIB_URL = new URL("python_stdlib_used.zip", INDEX_URL).href;
const BRIDGE = "from calculators import calculate_json as wandelgids_call";

let call = null;
let settled = false;

function post(message) {
  // Absolute time, so the page can place the stages on its own timeline.
  self.postMessage(JSON.stringify({ ...message, at: performance.timeOrigin + performance.now() }));
}

function settle(message) {
  if (settled) return;
  settled = true;
  post(message);
}

// What this worker fetched, for the benchmarks and tests (bytes and cache hits).
function resources() {
  return performance.getEntriesByType("resource").map((entry) => ({
    name: entry.name,
    transferSize: entry.transferSize,
    encodedBodySize: entry.encodedBodySize,
  }));
}

async function load() {
  try {
    post({ type: "stage", stage: "worker" });
    const pyodide = await loadPyodide({ indexURL: INDEX_URL, stdLibURL: STDLIB_URL, checkAPIVersion: true });
    post({ type: "stage", stage: "package" });
    await pyodide.loadPackage("wandelgids-calculators", { messageCallback: () => {}, errorCallback: () => {} });
    post({ type: "stage", stage: "python" });
    pyodide.runPython(BRIDGE);
    call = pyodide.globals.get("wandelgids_call");
    settle({ type: "ready", resources: resources() });
  } catch (error) {
    settle({ type: "failed", message: String((error && error.message) || error), resources: resources() });
  }
}

// Envelope-level refusals; everything about the request itself is Python's to judge.
const REFUSED = {
  type: "Onbekend soort bericht aan de rekenhulp.",
  loading: "De rekenhulp is nog niet geladen. Probeer het zo opnieuw.",
  broken: "Er ging iets mis bij het berekenen. Probeer het later opnieuw.",
};

function answer(id, resultText) {
  // Python's JSON text is spliced in as is: no conversion through JS objects.
  self.postMessage(`{"type":"result","id":${id},"result":${resultText}}`);
}

function refuse(id, message) {
  answer(id, JSON.stringify({ ok: false, calculator: null, errors: [{ field: null, message }] }));
}

// Any page script can post here, so nothing it sends may throw or stop the worker:
// a message with a request id always gets a result, one without is ignored.
self.addEventListener("message", (event) => {
  let message = null;
  try {
    message = typeof event.data === "string" ? JSON.parse(event.data) : null;
  } catch {
    return; // not JSON: no id to answer to
  }
  const id = message && Number.isSafeInteger(message.id) ? message.id : null;
  if (id === null) return;
  if (message.type !== "calculate") return refuse(id, REFUSED.type);
  if (!call) return refuse(id, REFUSED.loading);
  const request = typeof message.request === "string" ? message.request : JSON.stringify(message.request ?? null);
  try {
    answer(id, call(request));
  } catch (error) {
    // calculate() only raises when Python itself lacks a module (a standard library
    // cut too far): every later answer could be wrong, so the page shows it failed.
    // "broken" goes first, so the page fails this request instead of showing an error.
    if (error && error.type === "ModuleNotFoundError") {
      call = null;
      post({ type: "broken", message: String(error.message) });
    }
    refuse(id, REFUSED.broken);
  }
});

self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  settle({ type: "failed", message: String(event.reason) });
});

load();
