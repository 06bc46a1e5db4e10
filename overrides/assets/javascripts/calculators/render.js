// Filling in the templates the build rendered (data-result*, data-cell,
// <template data-row-template>) with a result from Python, and errors at their fields.
// Nothing is formatted here: a result carries every string it shows (calculators/text.py).

function show(element, value) {
  element.textContent = value === undefined || value === null ? "" : String(value);
}

function renderTable(table, rows) {
  const body = table.tBodies[0];
  const template = table.querySelector("template[data-row-template]");
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = template.content.firstElementChild.cloneNode(true);
      for (const cell of tr.querySelectorAll("[data-cell]")) show(cell, row[cell.dataset.cell]);
      // A row may say where it stands in time (past, current, future), as the build marks it.
      if (row.when) tr.dataset.when = row.when;
      if (row.when === "current") tr.setAttribute("aria-current", "date");
      return tr;
    }),
  );
  // Optional columns (e.g. start dates) show only when some row has them.
  for (const head of table.querySelectorAll("th[data-column]")) {
    const key = head.dataset.column;
    const used = rows.some((row) => row[key] !== undefined);
    for (const cell of [head, ...body.querySelectorAll(`[data-cell="${key}"]`)]) cell.hidden = !used;
  }
}

const SVG = "http://www.w3.org/2000/svg";

function shape(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = String(text);
  return element;
}

// Draws the shapes the calculator computed (calculators/chart.py), as chart-shapes.html does.
function renderChart(svg, chart) {
  const figure = svg.closest("[data-result-chart-box]");
  figure.hidden = !chart;
  figure.querySelector("figcaption").textContent = chart ? chart.caption : "";
  if (!chart) return svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${chart.width} ${chart.height}`);
  svg.replaceChildren(
    shape("text", { class: "wg-chart__axis-name", x: 0, y: 10 }, chart.axis),
    ...chart.ticks.flatMap((tick) => [
      shape("line", { class: "wg-chart__grid", x1: chart.left, x2: chart.width, y1: tick.y, y2: tick.y }),
      shape("text", { class: "wg-chart__tick", x: chart.left - 4, y: tick.y + 4, "text-anchor": "end" }, tick.value),
    ]),
    ...chart.bars.flatMap((bar) => [
      shape("rect", { x: bar.x, y: bar.y, width: bar.width, height: bar.height, ...(bar.marked && { class: "wg-current-week" }) }),
      shape("text", { class: "wg-chart__value", x: bar.center, y: bar.y - 3, "text-anchor": "middle" }, bar.value),
      shape("text", { class: "wg-chart__label", x: bar.center, y: chart.base + 13, "text-anchor": "middle" }, bar.label),
    ]),
  );
}

export function renderResult(widget, result) {
  const box = widget.querySelector("[data-calculator-result]");
  for (const element of box.querySelectorAll("[data-result]")) show(element, result[element.dataset.result]);
  for (const list of box.querySelectorAll("[data-result-list]")) {
    list.replaceChildren(
      ...result[list.dataset.resultList].map((text) => Object.assign(document.createElement("li"), { textContent: text })),
    );
  }
  for (const table of box.querySelectorAll("[data-result-table]")) renderTable(table, result[table.dataset.resultTable]);
  for (const svg of box.querySelectorAll("[data-result-chart]")) renderChart(svg, result[svg.dataset.resultChart]);
  for (const element of box.querySelectorAll("[data-result-show]")) element.hidden = !result[element.dataset.resultShow];
}

// Python's messages at their fields (data-field-error="name"; "" for the whole form).
// `scope` is a form: the plan's form, or an action's own (the calendar's).
export function showErrors(scope, errors) {
  const byField = new Map(errors.map((error) => [error.field ?? "", error.message]));
  for (const slot of scope.querySelectorAll("[data-field-error]")) {
    const message = byField.get(slot.dataset.fieldError);
    slot.textContent = message || "";
    slot.hidden = !message;
    const input = scope.querySelector(`[name="${slot.dataset.fieldError}"]`);
    if (input) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
}
