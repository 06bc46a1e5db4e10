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
  fillDate(widget, result.today_text);
}

function fillDate(widget, text) {
  const date = widget.querySelector("[data-print-date]");
  if (date && text) date.textContent = text;
}

// Today in Dutch for the printouts of plans nobody changed yet (their inputs are the build's):
// one quiet request for every such widget of the page, and of the pages instant navigation
// swaps in the same day (these modules stay). Python writes the date (today_text of any
// valid result); a failed request is asked again, e.g. after "Opnieuw proberen".
let dated = null; // { day, text: Promise of the Dutch date }

function todayText({ widget, form, name, calculate }) {
  const day = localDate(new Date());
  if (dated?.day !== day) {
    const text = calculate(name, withToday(widget, readForm(form)), day).then((result) => {
      if (!result.ok || !result.today_text) throw new Error(result.errors?.[0]?.message);
      return result.today_text;
    });
    dated = { day, text };
    text.catch(() => dated?.text === text && (dated = null));
  }
  return dated.text;
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
  connect(context, button) {
    const { widget, checkInputs } = context;
    let filled = false;
    button.addEventListener("click", async () => {
      const valid = await checkInputs(button.textContent.trim());
      if (valid) printPlan(widget, valid.result);
    });
    return {
      valid(params, result) {
        filled = true;
        fillPrintOnly(widget, result);
      },
      // A plan nobody has changed yet is the build's: Python still dates its printout
      // (else Ctrl+P printed "Afgedrukt op van de Wandelgids"), quietly: no status, no link.
      open() {
        todayText(context)
          .then((text) => filled || fillDate(widget, text))
          .catch(() => {}); // a failed load says so in the status already
        return false;
      },
    };
  },
});
