// Makes the memory snapshot that return visits restore (issue 16): Pyodide started in
// Node with the cut standard library, the calculators wheel unpacked into
// site-packages, every module the stdlib trace saw imported, and the worker's bridge
// names bound in __main__. Writes Pyodide's own snapshot bytes (build_pyodide.py adds
// our header); the worker restores it with loadPyodide({_loadSnapshot}).
//
//   node scripts/pyodide_snapshot.mjs <pyodide folder> <modules.json> <out>
//
// Pyodide 0.29's snapshot API is undocumented (src/js/snapshot.ts): the snapshot is the
// whole WebAssembly memory plus a table of the JavaScript objects Python holds, so:
// - the wheel is unpacked, not loadPackage()d: loadPackage records the package in a JS
//   object the snapshot refuses to serialise ("Unexpected hiwire entry at index 6");
// - the same inputs must give the same bytes (the folder is named after its content),
//   so clock, entropy and environment are fixed while it runs: the worker re-seeds
//   `random` after every restore, and the hash seed is 0 for everyone.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { pathToFileURL } from "node:url";

const [folder, modulesPath, out] = process.argv.slice(2);
const indexURL = folder.endsWith("/") ? folder : `${folder}/`;

// Entropy: a counter through SHA-256 (Pyodide in Node fills through node:crypto).
const nodeCrypto = createRequire(import.meta.url)("crypto");
let block = 0;
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i += 32) {
    const digest = createHash("sha256").update(`wandelgids-snapshot-${block++}`).digest();
    bytes.set(digest.subarray(0, Math.min(32, bytes.length - i)), i);
  }
  return view;
};
syncBuiltinESMExports();
// Clock: file times and Python's clocks. importlib then sees no directory change, hence
// invalidate_caches() below after the wheel is unpacked.
const EPOCH = Date.UTC(2020, 0, 1);
Date.now = () => EPOCH;
let monotonic = 0;
performance.now = () => (monotonic += 0.001);

const quiet = () => {};
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL,
  stdLibURL: `${indexURL}python_stdlib_used.zip`,
  _makeSnapshot: true,
  _sysExecutable: "./this.program", // the browser's; Node would put this script's path in memory
  env: { PYTHONHASHSEED: "0", LANG: "C.UTF-8" },
  stdout: quiet,
  stderr: quiet,
});
const wheel = readdirSync(folder).find((name) => name.endsWith(".whl"));
const wheelBytes = readFileSync(`${indexURL}${wheel}`);
pyodide.unpackArchive(new Uint8Array(wheelBytes.buffer, wheelBytes.byteOffset, wheelBytes.byteLength), "wheel", {
  extractDir: pyodide._api.sitepackages,
});
pyodide.globals.set("WANDELGIDS_MODULES", readFileSync(modulesPath, "utf8"));
const failed = pyodide.runPython(`
import importlib, json, sys
importlib.invalidate_caches()
failed = []
for name in json.loads(WANDELGIDS_MODULES):
    if name not in sys.modules:
        try:
            importlib.import_module(name)
        except Exception as error:
            failed.append(f"{name}: {type(error).__name__}: {error}")
del WANDELGIDS_MODULES, name
from calculators import calculate_json as wandelgids_call, request_limits as wandelgids_limits
json.dumps(failed)
`);
pyodide.runPython("del failed");
if (JSON.parse(failed).length) {
  process.stderr.write(`Modules that did not import for the snapshot:\n  ${JSON.parse(failed).join("\n  ")}\n`);
  process.exit(1);
}
writeFileSync(out, pyodide.makeMemorySnapshot());
