// Reading a widget's form and naming its fields in Dutch sentences (labels come from
// the page the build rendered, so no field name is written here).

// A tick sends true or false: an unticked box is missing from FormData, which Python
// would read as "not given" and so as the field's default.
export function readForm(form) {
  const values = Object.fromEntries(new FormData(form).entries());
  for (const box of form.querySelectorAll("input[type=checkbox][name]")) values[box.name] = box.checked;
  return values;
}

export function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// Today's date on the patient's own calendar, for calculators that ask for it
// (the field the schema marks from_browser, named in data-today-field).
export function withToday(widget, params) {
  const field = widget.dataset.todayField;
  return field ? { ...params, [field]: localDate(new Date()) } : params;
}

export function defaultValue(control) {
  if (control instanceof HTMLSelectElement) {
    return ([...control.options].find((option) => option.defaultSelected) || control.options[0] || { value: "" }).value;
  }
  return control.defaultValue;
}

export function fieldLabel(form, name) {
  const input = form.elements.namedItem(name);
  const label = input && input.id ? form.querySelector(`label[for="${input.id}"]`) : null;
  return label ? label.firstChild.textContent.trim() : name;
}

// The status line is the widget's one polite live region (role="status").
// An action's confirmation there ("De link naar het schema is gekopieerd.") is about one
// plan, named by its inputs as Python wrote them: a recalculation that gives that plan
// again (the typing pause's, Enter, the start's own after a queued action) leaves it
// standing, so it is neither replaced before it is read nor announced twice. Anything else
// the status says (a new plan, a mistake, loading, a failure) replaces it.
const confirmed = new WeakMap(); // widget -> the confirmed plan's inputs
const planOf = (result) => (result && result.ok ? result.inputs.join("\n") : null);

export function setStatus(widget, text, widgetState) {
  confirmed.delete(widget);
  widget.dataset.state = widgetState;
  widget.querySelector("[data-calculator-status]").textContent = text;
}

// An action's confirmation of the plan `result` (a valid result).
export function confirmAction(widget, text, result) {
  setStatus(widget, text, widget.dataset.state);
  if (planOf(result)) confirmed.set(widget, planOf(result));
}

// A valid result on screen: says `text` unless the status confirms an action for this very plan.
export function setUpdated(widget, text, result) {
  const kept = widget.dataset.state === "live" && confirmed.has(widget) && confirmed.get(widget) === planOf(result);
  if (!kept) setStatus(widget, text, "live");
}
