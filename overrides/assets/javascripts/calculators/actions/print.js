// "Afdrukken": prints just this plan. The print stylesheet shows only the widget
// marked data-printing (its title, the inputs, the plan, the date, the contact line
// and the disclaimer). The inputs and the date come as Python wrote them (the result's
// `inputs` and `today_text`): nothing is read back from the form or formatted here.
import { localDate, readForm, withToday } from "../form.js";
import { registerAction } from "./registry.js";

function item(text) {
  return Object.assign(document.createElement("li"), { textContent: text });
}

// Whatever prints the page (this button, Ctrl+P, a phone's share -> print), the printed
// inputs and date belong to the plan on screen: refreshed with every valid result.
function fillPrintOnly(widget, result) {
  const list = widget.querySelector("[data-print-inputs]");
  if (list) list.replaceChildren(...result.inputs.map(item));
  const date = widget.querySelector("[data-print-date]");
  if (date && result.today_text) date.textContent = result.today_text;
}

function printPlan(widget, result) {
  fillPrintOnly(widget, result);
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
  connect({ widget, form, name, calculate, checkInputs }, button) {
    let filled = false;
    const fill = (result) => {
      filled = true;
      fillPrintOnly(widget, result);
    };
    button.addEventListener("click", async () => {
      const valid = await checkInputs(button.textContent.trim());
      if (valid) printPlan(widget, valid.result);
    });
    return {
      valid: (params, result) => fill(result),
      // A plan nobody has changed yet is the build's: Python still dates its printout
      // (else Ctrl+P printed "Afgedrukt op van de Wandelgids"), quietly: no status, no link.
      open() {
        calculate(name, withToday(widget, readForm(form)), localDate(new Date()))
          .then((result) => result.ok && !filled && fill(result))
          .catch(() => {}); // a failed load says so in the status already
        return false;
      },
    };
  },
});
