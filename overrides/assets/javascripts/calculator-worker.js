// Pyodide in a module worker: loads the runtime and the calculators wheel, then
// answers calculate requests. Every message is JSON text in both directions, and
// Python parses and serialises it (json.loads / json.dumps), so the browser gets
// exactly what CPython's calculators.calculate returns.
//
// Messages out: {"type":"stage","stage":...}, then exactly one {"type":"ready"} or
// {"type":"failed","message":...}; per request {"type":"result","id":n,"result":{...}}.

const BRIDGE = `
import json
import calculators

def wandelgids_call(text):
    request = json.loads(text)
    return json.dumps(calculators.calculate(request.get("name"), request.get("params")))
`;

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

self.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "load") {
    load(message.indexURL);
  } else if (message.type === "calculate") {
    // The bridge only sends requests after "ready".
    // Splice Python's JSON text in as is: no conversion through JS objects.
    self.postMessage(`{"type":"result","id":${Number(message.id)},"result":${call(message.request)}}`);
  }
});

self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  settle({ type: "failed", message: String(event.reason) });
});
