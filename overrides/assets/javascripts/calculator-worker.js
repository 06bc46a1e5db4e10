// Pyodide in a module worker: loads the runtime and the calculators wheel, then
// answers calculate requests. Every message is JSON text in both directions, and
// Python parses and serialises it (json.loads / json.dumps), so the browser gets
// exactly what CPython's calculators.calculate returns.
//
// Messages out: {"type":"stage","stage":...}, then exactly one {"type":"ready"} or
// {"type":"failed","message":...}; per request {"type":"result","id":n,"result":{...}}.

// Python parses the request and writes the answer (calculators.calculate_json), so a
// malformed request gets the same kind of Dutch error result as a wrong input.
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

async function load(indexURL) {
  try {
    post({ type: "stage", stage: "worker" });
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    post({ type: "stage", stage: "runtime" });
    const pyodide = await loadPyodide({ indexURL, checkAPIVersion: true });
    post({ type: "stage", stage: "package" });
    await pyodide.loadPackage("wandelgids-calculators", { messageCallback: () => {}, errorCallback: () => {} });
    post({ type: "stage", stage: "python" });
    pyodide.runPython(BRIDGE);
    call = pyodide.globals.get("wandelgids_call");
    settle({ type: "ready" });
  } catch (error) {
    settle({ type: "failed", message: String((error && error.message) || error) });
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

let loading = false;

// Any page script can post here, so nothing it sends may throw or stop the worker:
// a message with a request id always gets a result, one without is ignored.
self.addEventListener("message", (event) => {
  let message = null;
  try {
    message = typeof event.data === "string" ? JSON.parse(event.data) : null;
  } catch {
    return; // not JSON: no id to answer to
  }
  if (message && message.type === "load" && typeof message.indexURL === "string") {
    if (!loading) load(message.indexURL);
    loading = true;
    return;
  }
  const id = message && Number.isSafeInteger(message.id) ? message.id : null;
  if (id === null) return;
  if (message.type !== "calculate") return refuse(id, REFUSED.type);
  if (!call) return refuse(id, REFUSED.loading);
  const request = typeof message.request === "string" ? message.request : JSON.stringify(message.request ?? null);
  try {
    answer(id, call(request));
  } catch {
    refuse(id, REFUSED.broken);
  }
});

self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  settle({ type: "failed", message: String(event.reason) });
});
