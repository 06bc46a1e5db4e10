// The bridge between the calculator widgets and the Pyodide worker: the entry module,
// on pages with a calculator only. The parts (README, "In the browser"):
//   protocol.js               messages and limits, shared with the worker
//   calculators/client.js     the worker client: load, requests, time limits, failure
//   calculators/controller.js one widget's form and plan
//   calculators/actions/*.js  print, link, remember, calendar: each registers itself
//   calculators/bar.js        the result's summary at the screen's bottom while the result is out of view
//
// window.wandelgids.calculate(name, params) -> Promise of calculators.calculate's result
// window.wandelgids.ready                   -> Promise that settles when the worker can calculate
// window.wandelgids.restart()               -> a new worker after a failure ("Opnieuw proberen")
// window.wandelgids.validInputs(widget, action) -> Promise of { params, result } for the widget's
//   whole, valid form, or null after the widget said what to fix
// Each widget fires "wandelgids:result" (detail: { ok, params }) after every calculation it shows,
// and the document "wandelgids:failed" when the rekenhulp stops working.
//
// All rules live in the Python package; these files only move JSON and fill in the
// templates the build rendered (data-result*, data-cell, <template data-row-template>).
import "./calculators/actions/link.js";
import "./calculators/actions/remember.js";
import "./calculators/actions/print.js";
import "./calculators/actions/calendar.js";
import "./calculators/bar.js";
import { calculate, ready, restart, stages, start, workerResources } from "./calculators/client.js";
import { connect, disconnectGone, validInputs } from "./calculators/controller.js";

window.wandelgids = {
  // The current load's promise: a new one after "Opnieuw proberen".
  get ready() {
    return ready();
  },
  calculate,
  restart,
  stages,
  workerResources,
  validInputs,
};
// Start at once: the worker loads and runs Pyodide off the main thread, so neither
// first paint nor input waits for it.
start();
// Every page Material's instant navigation swaps in (its document$ emits the page now
// and after each swap) gets its widgets connected to the same worker: one Python per visit.
function connectAll() {
  disconnectGone();
  document.querySelectorAll("[data-calculator]").forEach(connect);
}
function whenParsed() {
  connectAll();
  window.document$?.subscribe(connectAll);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenParsed, { once: true });
else whenParsed();
