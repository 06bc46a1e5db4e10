// The result in view after a change (issue 17): on a phone the fields push the result
// below the screen, so a short bar at the bottom of the form repeats the result's own
// summary line and links to it. CSS keeps it stuck to the screen's bottom while the form
// is on screen (position: sticky inside the form, so it never covers anything outside
// the widget); here it is only shown or hidden.
//
// The text is copied from the result's summary, which Python wrote: nothing is formatted
// here. The bar is no live region: the result itself already announces a change once.
// Hidden while the summary is in view (it would say the same twice), while the plan on
// screen is stale (an invalid field, typed while loading) and after a failed load.
import { registerAction } from "./actions/registry.js";

registerAction({
  name: "bar",
  selector: "[data-calculator-bar]",
  connect({ widget }, bar) {
    const box = widget.querySelector("[data-calculator-result]");
    const summary = box.querySelector('[data-result="summary"]');
    const text = bar.querySelector("[data-calculator-bar-summary]");
    if (!summary || !text || !("IntersectionObserver" in window)) return;
    let summaryInView = false;

    function show() {
      text.textContent = summary.textContent.trim();
      const valid = !("stale" in box.dataset) && widget.dataset.state !== "failed";
      bar.hidden = summaryInView || !valid || !text.textContent;
    }

    // The last entry is the summary as it is now: a busy page may bring several at once
    // (in view on paper, out of view on screen again), oldest first.
    new IntersectionObserver((entries) => {
      summaryInView = entries[entries.length - 1].isIntersecting;
      show();
    }).observe(summary);
    // A new result, a stale plan, a failed load: each changes the DOM the bar follows.
    const changes = new MutationObserver(show);
    changes.observe(summary, { childList: true, characterData: true, subtree: true });
    changes.observe(box, { attributes: true, attributeFilter: ["data-stale"] });
    changes.observe(widget, { attributes: true, attributeFilter: ["data-state"] });
    // The jump is ours: Material's instant navigation would load the page again without
    // the inputs in its address. Hidden first: leaving the flow, the bar moves the result.
    box.tabIndex = -1; // the jump takes the focus along, for keyboards and screen readers
    bar.querySelector("a")?.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      summaryInView = true;
      bar.hidden = true;
      box.scrollIntoView({ block: "start" });
      box.focus({ preventScroll: true });
    });
    show();
  },
});
