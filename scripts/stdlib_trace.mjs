// Runs the calculators under Pyodide in Node, with the full standard library, and
// prints (as JSON) every module that start-up, the package load and the calculators
// imported. Used by stdlib_cut.py; the browser then gets only those modules.
//
//   node scripts/stdlib_trace.mjs <pyodide folder with lock and wheel> <driver.py> <input.json> [stdlib zip name]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [indexDir, driverPath, inputPath, stdlibName = "python_stdlib.zip"] = process.argv.slice(2);
const indexURL = indexDir.endsWith("/") ? indexDir : `${indexDir}/`;
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const quiet = () => {};
// The same steps as the browser's worker: runtime, then the calculators wheel.
const pyodide = await loadPyodide({ indexURL, stdLibURL: `${indexURL}${stdlibName}`, stdout: quiet, stderr: quiet });
await pyodide.loadPackage("wandelgids-calculators", { messageCallback: quiet, errorCallback: quiet });
pyodide.globals.set("TRACE_INPUT", readFileSync(inputPath, "utf8"));
process.stdout.write(pyodide.runPython(readFileSync(driverPath, "utf8")));
