// "Link kopiëren": a plan can be kept as a link. The inputs travel in the query,
// prefixed with the widget's id so that several calculators on one page don't mix;
// the page's own address always holds the last valid inputs. A link's values are
// checked by Python like any other input; the ones it refuses give way to defaults.
import { fieldLabel, readForm } from "../form.js";
import { TEXT } from "../text.js";
import { registerAction } from "./registry.js";

function linkFor(widget, params) {
  const url = new URL(window.location.href);
  const prefix = `${widget.id}.`;
  for (const key of [...url.searchParams.keys()]) if (key.startsWith(prefix)) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(params)) if (value !== "") url.searchParams.set(prefix + key, value);
  url.hash = widget.id;
  return url;
}

// The link's values go into the form; returns the inputs that were filled.
function fillFromLink(widget, form) {
  const prefix = `${widget.id}.`;
  const filled = [];
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    const input = key.startsWith(prefix) && form.elements.namedItem(key.slice(prefix.length));
    if (input) {
      input.value = value;
      filled.push(input);
    }
  }
  return filled;
}

// A link with invalid values: those fields get their defaults, and a note says so.
async function openLink({ widget, form, name, calculate }, linked) {
  const note = widget.querySelector("[data-calculator-link-note]");
  const ignored = [];
  let result = await calculate(name, readForm(form)).catch(() => null);
  while (result && !result.ok) {
    const named = result.errors.map((error) => error.field && form.elements.namedItem(error.field)).filter(Boolean);
    const changed = (inputs) => inputs.filter((input) => input.value !== input.defaultValue);
    // A clash between fields (e.g. exhale not longer than inhale) may name a field the
    // link left alone: then the link's own values give way.
    const toReset = changed(named).length ? changed(named) : changed(linked);
    if (!toReset.length) break;
    for (const input of toReset) {
      ignored.push(`${fieldLabel(form, input.name)} "${input.value}"`);
      input.value = input.defaultValue;
      if (input.tagName === "SELECT") for (const option of input.options) option.selected = option.defaultSelected;
    }
    result = await calculate(name, readForm(form)).catch(() => null);
  }
  if (ignored.length && note) {
    note.textContent = TEXT.ignored(ignored.join(", "));
    note.hidden = false;
  }
}

registerAction({
  name: "link",
  selector: '[data-calculator-action="link"]',
  connect(context, button) {
    const { widget, noun, checkInputs, confirm } = context;
    button.addEventListener("click", async () => {
      const valid = await checkInputs(button.textContent.trim());
      if (!valid) return;
      const link = linkFor(widget, valid.params).href;
      try {
        await navigator.clipboard.writeText(link);
        confirm(TEXT.copied(noun), valid.result);
      } catch {
        confirm(`${TEXT.copyThis(noun)} ${link}`, valid.result);
      }
    });
    return {
      // The page's address only ever holds a valid set of inputs.
      // history.state is kept: instant navigation keeps the scroll position there.
      valid: (params) => window.history.replaceState(window.history.state, "", linkFor(widget, params)),
      async open() {
        const linked = fillFromLink(widget, context.form);
        if (!linked.length) return false;
        await openLink(context, linked);
        return true;
      },
    };
  },
});
