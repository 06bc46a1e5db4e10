// Return visits start Python from a memory snapshot instead of from scratch (issue 16).
// The build made it (scripts/pyodide_snapshot.mjs, in the layout of
// scripts/snapshot_format.py: a header line, then the memory without its pages of zeros):
// Pyodide with the cut standard library, every module the calculators use already
// imported. Restoring skips Python's start-up, the package load and the imports; what is
// left is WebAssembly and copying memory.
//
// A first visit starts Python normally and, once the rekenhulp is live, fetches the
// snapshot at low priority (never with Save-Data), checks it and keeps it, decoded, in a
// cache of its own (Cache Storage, SNAPSHOT_CACHE): the next visit reads it from there
// without the network and without undoing brotli again, which took longer than restoring
// itself (README, "Return visits"). Where Cache Storage is missing, full or emptied, the
// browser's HTTP cache (where the same fetch put it, compressed) is the fallback. Any doubt
// means the normal start: a snapshot that is cut off or damaged (its SHA-256), made for
// another build's calculators (the lock file's SHA-256), by another Pyodide (Pyodide's
// build id), or that does not fit in memory. A wrong snapshot would calculate wrong plans
// without a word, so nothing of it is used unchecked.
//
// The build copies this file beside the worker in the content-hashed Pyodide folder,
// like protocol.js (wandelgids/mkdocs_plugin.py).

// wandelgids/load_status.py SNAPSHOT: the file's name in the Pyodide folder.
export const SNAPSHOT_FILE = "python-snapshot.bin";
// wandelgids/load_status.py SNAPSHOT_CACHE: the cache that keeps it, only this build's
// (the service worker removes any other build's snapshot from it when a new build takes over).
export const SNAPSHOT_CACHE = "wandelgids-python";
// scripts/snapshot_format.py FORMAT: the file's layout.
const FORMAT = 2;
const HEADER_MAX = 4096;

// The snapshot was made with fixed entropy (the same build gives the same bytes), so
// everything seeded from it gets fresh entropy from the browser after each restore.
const RESEED = `
import sys
if "random" in sys.modules:
    sys.modules["random"].seed()
if "tempfile" in sys.modules:
    sys.modules["tempfile"]._name_sequence = None
`;

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function bytesOf(response) {
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// The kept snapshot's response (its body not yet read) and where it was kept, else
// null: never the network.
export async function cachedSnapshot(url) {
  try {
    const kept = await self.caches.match(url, { cacheName: SNAPSHOT_CACHE }); // opens nothing new
    if (kept) return { response: kept, source: "cache-storage" };
  } catch {
    // No Cache Storage here (an old browser, a locked-down profile): the HTTP cache.
  }
  try {
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    return response.ok ? { response, source: "http-cache" } : null;
  } catch {
    return null;
  }
}

// Pyodide's snapshot from our file's body (scripts/snapshot_format.py): its memory with
// the all-zero pages put back; throws when the body does not fit its table of runs.
function expanded(body, { size, page }) {
  const table = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const runs = table.getUint32(0, true);
  const memory = new Uint8Array(size); // zeros, but for the runs
  let at = 4 + 8 * runs;
  for (let run = 0; run < runs; run++) {
    const start = table.getUint32(4 + 8 * run, true) * page;
    const length = Math.min(table.getUint32(8 + 8 * run, true) * page, size - start);
    if (length < 0 || at + length > body.length) throw new Error("snapshot: damaged");
    memory.set(body.subarray(at, at + length), start);
    at += length;
  }
  if (at !== body.length) throw new Error("snapshot: damaged");
  return memory;
}

// Our file's header and body, once the header's checks pass; throws the reason.
// `verified`: its bytes were checked against the header before they were kept (prefetch),
// and Cache Storage gives back a whole entry or none, so hashing them again is skipped.
async function checked(bytes, lockBytes, verified = false) {
  const end = bytes.subarray(0, HEADER_MAX).indexOf(10); // the header is the first line
  if (end < 0) throw new Error("snapshot: no header");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
  if (header.format !== FORMAT) throw new Error(`snapshot: format ${header.format}`);
  if (header.lock_sha256 !== (await sha256(lockBytes))) throw new Error("snapshot: made for another build");
  const body = bytes.subarray(end + 1);
  if (!verified && header.sha256 !== (await sha256(body))) throw new Error("snapshot: damaged");
  return { header, body };
}

// Pyodide's snapshot from our file, once the header's checks pass; throws the reason.
export async function checkedSnapshot(bytes, lockBytes, verified = false) {
  const { header, body } = await checked(bytes, lockBytes, verified);
  return expanded(body, header);
}

const lockOf = (url) => fetch(new URL("pyodide-lock.json", url)).then(bytesOf);
const parsed = (bytes) => JSON.parse(new TextDecoder().decode(bytes));

// The lock file beside `url`, parsed (a promise): what Pyodide takes as lockFileContents.
export const lockFileOf = (url) => lockOf(url).then(parsed);

// Python from the snapshot (a Response; `verified` as for checkedSnapshot), re-seeded;
// throws when anything is wrong (then: the normal start). Pyodide fetches and compiles its
// runtime while the snapshot is read and checked: it waits for the checked bytes only to
// fill its memory.
export async function restore(loadPyodide, { indexURL, stdLibURL, snapshot, verified = false }) {
  const lock = lockOf(indexURL);
  const payload = Promise.all([bytesOf(snapshot), lock]).then(([bytes, lockBytes]) => checkedSnapshot(bytes, lockBytes, verified));
  // Handled here too: a rejection Pyodide never came to await must not reach the
  // worker's unhandledrejection (which fails the whole load).
  const lockFile = lock.then(parsed);
  payload.catch(() => {});
  lockFile.catch(() => {});
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL,
    packageBaseUrl: indexURL,
    lockFileContents: lockFile,
    checkAPIVersion: true,
    _loadSnapshot: payload,
  });
  pyodide.runPython(RESEED);
  return pyodide;
}

// For the next visit: the whole snapshot, read to the end (so the browser's HTTP cache,
// which keeps only a complete response, has it compressed) and, once its header's checks
// pass, kept decoded in SNAPSHOT_CACHE in place of any other build's. A snapshot that fails
// them, or no Cache Storage or no room in it, leaves the HTTP cache's copy, judged on the
// next visit. False when Save-Data asks for no extras.
export async function prefetch(url) {
  if (self.navigator.connection?.saveData) return false;
  const response = await fetch(url, { priority: "low" });
  const bytes = await bytesOf(response);
  try {
    await checked(bytes, await lockOf(url)); // the memory itself is built only to restore
    const cache = await self.caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
    await cache.put(url, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // Not this build's, damaged, or nowhere to keep it: see above.
  }
  return true;
}
