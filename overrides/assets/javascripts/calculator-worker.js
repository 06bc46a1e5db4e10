// Pyodide in a module worker: loads the runtime and the calculators wheel, then
// answers calculate requests. Every message is JSON text in both directions, and
// Python parses and serialises it (calculators.calculate_json), so the browser gets
// exactly what CPython's calculators.calculate returns. The messages are in
// protocol.js.
//
// The build serves this file and protocol.js from the content-hashed Pyodide folder
// (scripts/hooks/pyodide_assets.py), so the static imports below are that folder's
// files: fetched with the worker itself, and loading starts at once, without waiting
// for a message from the page.
import { loadPyodide } from "./pyodide.mjs";
import { watchLoad } from "./load-watch.js";
import { CAUSE, MESSAGE, NEXT_VISIT, STAGE, oversized, refusal } from "./protocol.js";
import { SNAPSHOT_FILE, cachedSnapshot, lockFileOf, prefetch, restore } from "./snapshot.js";

const INDEX_URL = new URL("./", import.meta.url).href;
// Only the standard library modules the calculators use (scripts/stdlib_cut.py).
const STDLIB_URL = new URL("python_stdlib_used.zip", INDEX_URL).href;
// The build's memory snapshot: return visits restore it (snapshot.js).
const SNAPSHOT_URL = new URL(SNAPSHOT_FILE, INDEX_URL).href;
const BRIDGE = "from calculators import calculate_json as wandelgids_call, request_limits as wandelgids_limits";

// The page's START: a worker the page's head started waits for it before it downloads
// anything, so that a first visit's download does not compete with the page itself.
let begin;
const begun = new Promise((resolve) => (begin = resolve));
let started = false;

let call = null;
// Python's request limits and their Dutch refusal (calculators.api.request_limits).
let limits = null;
let settled = false;

function post(message) {
  // Absolute time, so the page can place the stages on its own timeline.
  self.postMessage(JSON.stringify({ ...message, at: performance.timeOrigin + performance.now() }));
}

function settle(message) {
  if (settled) return;
  settled = true;
  watch.stop();
  post(message);
}

// On a return visit (a snapshot is kept), once the service worker has kept this folder
// (service-worker.js), its decoded copies answer Pyodide's fetches directly: no trip through
// the service worker and no brotli to undo (the 8.6 MB of WebAssembly compile about 80 ms
// sooner). A first visit, a probe of the HTTP cache (`cache` set) and anything not kept take
// the normal way (a first visit asks Cache Storage nothing: each look costs a round trip).
let returnVisit = false;
async function keptCopy(url, init) {
  if (!returnVisit || init?.cache || !url.startsWith(INDEX_URL)) return null;
  try {
    return (await self.caches.match(url)) || null;
  } catch {
    return null; // no Cache Storage here: the normal way
  }
}

// The calculators' wheel, fetched beside the runtime rather than after Python's start (on a
// phone's first visit that was a round trip and 44 KB after everything else): as soon as
// the lock file names it, with the lock's SHA-256 as its integrity, as Pyodide asks for it;
// Pyodide's own fetch of it gets that response (load-watch.js).
const PACKAGE = "wandelgids-calculators";
function fetchPackageAhead(lock) {
  const entry = lock.packages?.[PACKAGE];
  if (!entry) return; // Pyodide's loadPackage says what is missing
  const digest = String.fromCharCode(...entry.sha256.match(/../g).map((byte) => parseInt(byte, 16)));
  watch.fetchAhead(new URL(entry.file_name, INDEX_URL).href, { integrity: `sha256-${btoa(digest)}` });
}

// Progress messages while files arrive, and a FAILED with its cause when nothing has
// arrived for a while or WebAssembly is refused (load-watch.js), which also wraps fetch
// for keptCopy.
const watch = watchLoad({
  post: (message) => settled || post(message),
  fail: (cause, message) => settle({ type: MESSAGE.FAILED, cause, message, resources: resources() }),
  kept: keptCopy,
});
const fail = (cause, message) => watch.fail(cause, message);

// What this worker fetched, for the benchmarks and tests (bytes and cache hits).
function resources() {
  return performance.getEntriesByType("resource").map((entry) => ({
    name: entry.name,
    transferSize: entry.transferSize,
    encodedBodySize: entry.encodedBodySize,
    at: performance.timeOrigin + entry.startTime, // when the request began, absolute like `at` of a stage
  }));
}

// Python with the calculators imported: from the snapshot when it is kept (a return
// visit), else started normally. `start` says which, where the snapshot was kept, and why
// a kept snapshot was not used: {restored: true, source} or {restored: false, fallback, cached}.
async function python() {
  const kept = await cachedSnapshot(SNAPSHOT_URL);
  const snapshot = kept && kept.response;
  returnVisit = Boolean(snapshot);
  let fallback = null;
  if (snapshot) {
    try {
      const verified = kept.source === "cache-storage"; // checked before it was kept (snapshot.js)
      const pyodide = await restore(loadPyodide, { indexURL: INDEX_URL, stdLibURL: STDLIB_URL, snapshot, verified });
      post({ type: MESSAGE.STAGE, stage: STAGE.PYTHON });
      pyodide.runPython(BRIDGE);
      return { pyodide, start: { restored: true, source: kept.source } };
    } catch (error) {
      fallback = String((error && error.message) || error);
    }
  }
  if (!started) {
    post({ type: MESSAGE.STAGE, stage: STAGE.WAITING });
    await begun;
  }
  const lockFile = lockFileOf(INDEX_URL);
  lockFile.then(fetchPackageAhead, () => {}); // a lock that did not come fails Pyodide's start itself
  const pyodide = await loadPyodide({
    indexURL: INDEX_URL,
    stdLibURL: STDLIB_URL,
    packageBaseUrl: INDEX_URL, // with the lock given, Pyodide would otherwise take packages from its CDN
    lockFileContents: lockFile,
    checkAPIVersion: true,
  });
  post({ type: MESSAGE.STAGE, stage: STAGE.PACKAGE });
  await pyodide.loadPackage(PACKAGE, { messageCallback: () => {}, errorCallback: () => {} });
  post({ type: MESSAGE.STAGE, stage: STAGE.PYTHON });
  pyodide.runPython(BRIDGE);
  return { pyodide, start: { restored: false, fallback, cached: Boolean(snapshot) } };
}

async function load() {
  let start;
  try {
    post({ type: MESSAGE.STAGE, stage: STAGE.WORKER });
    if (watch.webAssemblyMissing()) return fail(CAUSE.WEBASSEMBLY, "WebAssembly is uitgeschakeld of geblokkeerd.");
    let pyodide;
    ({ pyodide, start } = await python());
    limits = JSON.parse(pyodide.globals.get("wandelgids_limits")());
    call = pyodide.globals.get("wandelgids_call");
    settle({ type: MESSAGE.READY, limits, start, resources: resources() });
  } catch (error) {
    return fail(CAUSE.PYTHON, String((error && error.message) || error));
  }
  // Live: then the snapshot for the next visit, and the page hears what became of it.
  post({ type: MESSAGE.STAGE, stage: STAGE.SNAPSHOT, snapshot: await nextVisit(start), resources: resources() });
}

// Only after a normal start with nothing cached is the snapshot fetched; a cached one that
// failed is not fetched again (no data spent on it twice).
async function nextVisit(start) {
  if (start.restored) return NEXT_VISIT.RESTORED;
  if (start.cached) return NEXT_VISIT.FAILED;
  try {
    return (await prefetch(SNAPSHOT_URL)) ? NEXT_VISIT.FETCHED : NEXT_VISIT.SAVE_DATA;
  } catch {
    return NEXT_VISIT.ERROR; // the next visit starts normally too
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
  self.postMessage(`{"type":"${MESSAGE.RESULT}","id":${id},"result":${resultText}}`);
}

function refuse(id, message) {
  answer(id, JSON.stringify(refusal(message)));
}

// The request as JSON text, or null when it cannot be one (a cycle cannot reach here:
// the envelope was JSON text itself).
function requestText(request) {
  if (typeof request === "string") return request;
  try {
    return JSON.stringify(request ?? null);
  } catch {
    return null;
  }
}

// Python can no longer be trusted (a module missing from the standard library cut,
// Pyodide's own fatal error, an answer that is not text): every later answer could be
// wrong, so the page is told first and then fails this request and the widgets.
function breakDown(id, reason) {
  call = null;
  post({ type: MESSAGE.BROKEN, message: reason });
  refuse(id, REFUSED.broken);
}

// Any page script can post here, so nothing it sends may throw or stop the worker:
// a message with a request id always gets a result, one without is ignored.
self.addEventListener("message", (event) => {
  let message = null;
  try {
    // The protocol sends text; a structured object (any page script may post one) is
    // read the same way, so its id is answered too.
    message = typeof event.data === "string" ? JSON.parse(event.data) : event.data;
  } catch {
    return; // not JSON: no id to answer to
  }
  if (message && message.type === MESSAGE.CONFIG && Number.isFinite(message.silenceMs)) {
    watch.limit = message.silenceMs;
    return;
  }
  if (message && message.type === MESSAGE.START) {
    if (!started) watch.touch();
    started = true;
    begin();
    return;
  }
  const id = message && Number.isSafeInteger(message.id) ? message.id : null;
  if (id === null) return;
  if (message.type !== MESSAGE.CALCULATE) return refuse(id, REFUSED.type);
  if (!call) return refuse(id, limits ? REFUSED.broken : REFUSED.loading);
  const request = requestText(message.request);
  // Too large or too deep never reaches Python (its stack cannot take deep nesting).
  if (request === null || oversized(request, limits)) return refuse(id, limits.refusal);
  let result;
  try {
    result = call(request);
  } catch (error) {
    // calculate_json never raises, so this is Python or Pyodide itself failing.
    return breakDown(id, String((error && error.message) || error));
  }
  if (typeof result !== "string") return breakDown(id, `Python gaf geen tekst terug maar ${typeof result}.`);
  answer(id, result);
});

self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  fail(CAUSE.PYTHON, String(event.reason));
});

load();
