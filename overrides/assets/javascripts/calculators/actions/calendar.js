// "Zet in agenda": the button opens the calendar's own form (rendered by the build
// from the calendar calculator's describe(): a start date, weeks for walks that
// repeat, the reminder tick); its submit asks Python for the file and downloads the text as it is. Both
// first ask checkInputs() for the plan's whole, valid input, which says what to fix.
import { localDate, readForm, withToday } from "../form.js";
import { showErrors } from "../render.js";
import { TEXT } from "../text.js";
import { registerAction } from "./registry.js";

// The first Monday after today on the patient's own calendar: the suggested date.
function nextMonday(today = new Date()) {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1, 12);
  while (date.getDay() !== 1) date.setDate(date.getDate() + 1);
  return localDate(date);
}

// An empty field takes the plan's own value of the same name (e.g. its start date);
// an empty date with none, next Monday.
function prefill(panel, form) {
  for (const field of panel.elements) {
    if (!field.name || field.value) continue;
    const own = form.elements.namedItem(field.name);
    if (own && own.value) field.value = own.value;
    else if (field.type === "date") field.value = nextMonday();
  }
}

// The calendar's values that the plan's form also asks (its start date); true if one changed.
function adopt(panel, form) {
  let changed = false;
  for (const field of panel.elements) {
    const own = field.name && form.elements.namedItem(field.name);
    if (!own || own.value === field.value) continue;
    own.value = field.value;
    changed = true;
  }
  return changed;
}

function download(filename, text) {
  const link = Object.assign(document.createElement("a"), {
    href: URL.createObjectURL(new Blob([text], { type: "text/calendar" })),
    download: filename,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

registerAction({
  name: "calendar",
  selector: '[data-calculator-action="calendar"]',
  connect({ widget, form, calculate, checkInputs, update, confirm }, button) {
    const panel = widget.querySelector("[data-calendar-form]");
    if (!panel) return;
    // The calculator that writes the file, as the build named it.
    const writer = panel.dataset.calendarForm;
    const action = button.textContent.trim();
    button.addEventListener("click", async () => {
      if (!(await checkInputs(action))) return;
      panel.hidden = false;
      panel.querySelector("fieldset").disabled = false;
      button.setAttribute("aria-expanded", "true");
      prefill(panel, form);
      panel.querySelector("input, select")?.focus();
    });
    panel.addEventListener("submit", async (event) => {
      event.preventDefault();
      const valid = await checkInputs(action);
      if (!valid) return;
      let result;
      try {
        // The plan's own inputs: Python computes the plan again itself. Today's date
        // (data-today-field on the panel) lets it refuse a first day far off.
        result = await calculate(
          writer,
          withToday(panel, { ...readForm(panel), calculator: widget.dataset.calculator, params: valid.result.params }),
        );
      } catch {
        return; // the failed state is already on screen
      }
      if (!result.ok) {
        // An error without a field of this form (there is none in practice) shows at the form.
        const own = new Set([...panel.elements].map((element) => element.name));
        return showErrors(panel, result.errors.map((error) => (own.has(error.field) ? error : { ...error, field: null })));
      }
      showErrors(panel, []);
      download(result.filename, result.ics);
      // The file's first day becomes the plan's own (its field of the same name), so the
      // widget says where the patient is in the plan ("Je zit nu in week N"), as the file does.
      const plan = adopt(panel, form) ? await update() : valid.result;
      if (plan) confirm(`${TEXT.calendar} ${result.summary}`, plan); // null: the failed state is on screen
    });
  },
});
