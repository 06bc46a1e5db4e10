// "Afdrukken": prints just this plan. The print stylesheet shows only the widget
// marked data-printing (its title, the inputs, the plan, the date, the contact line
// and the disclaimer).
import { dutchDate } from "../dutch-date.js";
import { describeInputs } from "../form.js";
import { registerAction } from "./registry.js";

// The form's inputs and their values, for the printed plan.
function fillPrintedInputs(widget, form, params) {
  const list = widget.querySelector("[data-print-inputs]");
  if (!list) return;
  list.replaceChildren(
    ...describeInputs(form, params).map((text) => Object.assign(document.createElement("li"), { textContent: text })),
  );
}

function fillPrintDate(widget) {
  const date = widget.querySelector("[data-print-date]");
  if (date) date.textContent = dutchDate(new Date());
}

// Whatever prints the page (this button, Ctrl+P, a phone's share -> print), the printed
// inputs and date belong to the plan on screen: refreshed after every valid result, and
// the date once more just before printing (a tab left open overnight).
function keepPrintOnlyCurrent(widget, form) {
  fillPrintDate(widget);
  window.addEventListener("beforeprint", () => fillPrintDate(widget));
  return { valid: (params) => (fillPrintedInputs(widget, form, params), fillPrintDate(widget)) };
}

function printPlan(widget, form, params) {
  fillPrintedInputs(widget, form, params);
  fillPrintDate(widget);
  widget.dataset.printing = "";
  document.documentElement.dataset.printingPlan = "";
  window.addEventListener(
    "afterprint",
    () => {
      delete widget.dataset.printing;
      delete document.documentElement.dataset.printingPlan;
    },
    { once: true },
  );
  window.print();
}

registerAction({
  name: "print",
  selector: '[data-calculator-action="print"]',
  connect({ widget, form, checkInputs }, button) {
    button.addEventListener("click", async () => {
      const valid = await checkInputs(button.textContent.trim());
      if (valid) printPlan(widget, form, valid.params);
    });
    return keepPrintOnlyCurrent(widget, form);
  },
});
