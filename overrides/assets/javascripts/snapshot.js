// Return visits start Python from a memory snapshot instead of from scratch (issue 16).
// The build made it (scripts/pyodide_snapshot.mjs, behind a header from
// scripts/build_pyodide.py): Pyodide with the cut standard library, every module the
// calculators use already imported. Restoring skips Python's start-up, the package
// load and the imports; what is left is WebAssembly and copying memory.
//
// A first visit starts Python normally and, once the rekenhulp is live, fetches the
// snapshot at low priority into the browser's HTTP cache (never with Save-Data); the
// next visit restores it if the cache has it. Any doubt means the normal start: a
// snapshot that is cut off or damaged (its SHA-256), made for another build's
// calculators (the lock file's SHA-256), by another Pyodide (Pyodide's build id), or
// that does not fit in memory. A wrong snapshot would calculate wrong plans without a
// word, so nothing of it is used unchecked.
//
// The build copies this file beside the worker in the content-hashed Pyodide folder,
// like protocol.js (wandelgids/mkdocs_plugin.py).

// wandelgids/load_status.py SNAPSHOT: the file's name in the Pyodide folder.
export const SNAPSHOT_FILE = "python-snapshot.bin";
const FORMAT = 1;
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

// The cached snapshot's response (its body not yet read), else null: no network.
export async function cachedSnapshot(url) {
  try {
    const response = await fetch(url, { cache: "only-if-cached", mode: "same-origin" });
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

// Pyodide's snapshot inside our file, once the header's checks pass; throws the reason.
export async function checkedSnapshot(bytes, lockBytes) {
  const end = bytes.subarray(0, HEADER_MAX).indexOf(10); // the header is the first line
  if (end < 0) throw new Error("snapshot: no header");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
  if (header.format !== FORMAT) throw new Error(`snapshot: format ${header.format}`);
  if (header.lock_sha256 !== (await sha256(lockBytes))) throw new Error("snapshot: made for another build");
  const payload = bytes.subarray(end + 1);
  if (header.sha256 !== (await sha256(payload))) throw new Error("snapshot: damaged");
  return payload;
}

// Python from the snapshot (a Response), re-seeded; throws when anything is wrong (then:
// the normal start). Pyodide fetches and compiles its runtime while the snapshot is read
// and checked: it waits for the checked bytes only to fill its memory.
export async function restore(loadPyodide, { indexURL, stdLibURL, snapshot }) {
  const lock = fetch(new URL("pyodide-lock.json", indexURL)).then(bytesOf);
  const payload = Promise.all([bytesOf(snapshot), lock]).then(([bytes, lockBytes]) => checkedSnapshot(bytes, lockBytes));
  // Handled here too: a rejection Pyodide never came to await must not reach the
  // worker's unhandledrejection (which fails the whole load).
  const lockFile = lock.then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
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

// For the next visit: the whole snapshot into the HTTP cache, read to the end (the cache
// keeps only a complete response) and dropped. False when Save-Data asks for no extras.
export async function prefetch(url) {
  if (self.navigator.connection?.saveData) return false;
  const response = await fetch(url, { priority: "low" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  await response.body.pipeTo(new WritableStream());
  return true;
}
