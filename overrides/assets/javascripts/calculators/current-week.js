// SHIM, the one place the browser code knows a plan's weeks: marks this week's row
// and bar from the result's current_week (Python's rule) and adds the chart sentence.
// It goes once the results carry the mark and the sentence themselves (issue 15:
// "results carry the display strings they need"); then renderResult draws them like
// any other field. Results without current_week are left alone.

export function markCurrentWeek(box, result) {
  if (!("current_week" in result)) return;
  const week = result.current_week ?? null;
  const line = box.querySelector("[data-current-week]");
  if (line) line.hidden = week === null;
  for (const row of box.querySelectorAll("[data-result-table='weeks'] tbody tr")) {
    const current = week !== null && row.querySelector("[data-cell='week']")?.textContent === String(week);
    row.classList.toggle("wg-current-week", current);
    if (current) row.setAttribute("aria-current", "date");
    else row.removeAttribute("aria-current");
  }
  // The chart has one bar (rect) per week, in order; its caption says which one is marked.
  for (const svg of box.querySelectorAll("svg[data-result-chart]")) {
    svg.querySelectorAll("rect").forEach((rect, index) => rect.classList.toggle("wg-current-week", index + 1 === week));
    const caption = svg.closest("figure")?.querySelector("figcaption");
    if (caption && week !== null) caption.textContent += ` De staaf van week ${week}, deze week, is gemarkeerd.`;
  }
}
