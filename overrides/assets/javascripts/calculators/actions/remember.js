// "Onthoud mijn gegevens op dit apparaat": opt-in, in localStorage, never sent anywhere.
// Per calculator, so the same calculator on another page finds the same inputs. Only
// whole, valid input is saved, and only while the box is ticked. Python judges
// restored values like any other input; the ones it refuses return to their defaults.
import { defaultValue, fieldLabel, readForm, withToday } from "../form.js";
import { TEXT } from "../text.js";
import { registerAction } from "./registry.js";

const REMEMBER_PREFIX = "wandelgids.onthoud.";
// The refusal starts with this when the tick asks for invalid input.
const ACTION = "Onthoud mijn gegevens"; // the tick's own words, for "Daarna werkt ..."

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: the box says so when ticked
  }
}

registerAction({
  name: "remember",
  selector: "[data-remember]",
  connect({ widget, form, name, calculate, checkInputs }, box) {
    const tick = box.querySelector("[data-remember-tick]");
    const note = box.querySelector("[data-remember-note]");
    const key = REMEMBER_PREFIX + name;
    const store = storage();
    const say = (text) => (note.textContent = text); // a live region: never hidden, only emptied
    const forget = () => {
      try {
        store?.removeItem(key);
      } catch {
        // nothing stored, nothing to forget
      }
    };
    function save(values) {
      if (!tick.checked) return;
      try {
        store.setItem(key, JSON.stringify({ values }));
      } catch {
        say(TEXT.rememberFailed);
      }
    }
    function stored() {
      try {
        const data = JSON.parse(store?.getItem(key) ?? "null");
        return data && typeof data.values === "object" && data.values !== null ? data.values : null;
      } catch {
        return null;
      }
    }
    // Put the stored inputs back; fields the rules now refuse return to their defaults
    // with a visible note. Resolves to true when something was restored.
    async function restore() {
      const values = stored();
      if (!values) return false;
      tick.checked = true;
      const changed = [];
      for (const [field, value] of Object.entries(values)) {
        const control = form.elements.namedItem(field);
        if (!control || control.type === "checkbox") continue;
        control.value = String(value);
        if (control.value !== String(value)) changed.push(control); // e.g. a choice that no longer exists
      }
      let result;
      try {
        result = await calculate(name, withToday(widget, readForm(form)));
      } catch {
        return true;
      }
      if (!result.ok) {
        const refused = new Set(result.errors.map((error) => error.field ?? ""));
        for (const control of form.elements) {
          if (control.name && (refused.has(control.name) || refused.has("")) && control.value !== defaultValue(control)) {
            changed.push(control);
          }
        }
      }
      for (const control of changed) control.value = defaultValue(control);
      if (changed.length) say(`${TEXT.staleStored} ${[...new Set(changed.map((c) => fieldLabel(form, c.name)))].join(", ")}.`);
      return true;
    }
    tick.addEventListener("change", async () => {
      say("");
      if (!tick.checked) return forget();
      if (!store) return say(TEXT.rememberFailed);
      // Only whole, valid input is kept: otherwise the widget says what to fix first.
      const valid = await checkInputs(ACTION);
      if (valid) save(valid.params);
      else tick.checked = false;
    });
    box.querySelector("[data-remember-forget]").addEventListener("click", () => {
      forget();
      tick.checked = false;
      say(TEXT.forgotten);
    });
    tick.checked = stored() !== null;
    box.disabled = false;
    return { valid: save, open: restore };
  },
});
