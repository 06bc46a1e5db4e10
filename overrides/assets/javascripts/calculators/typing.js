// When a typed value is calculated: after a pause in typing, so a half-typed "99" of "999"
// never becomes the plan, or at once when the field is left (or on Enter, the controller).
//
// Not while an action button is pressed (pointer down): the action's click calculates the
// form itself (checkInputs). A new plan of another length moves the buttons under the
// result, and a button moved from under the pointer between press and release loses its
// click (seen with a slow press right after typing). After a release that gave no click
// (the pointer slid off), the owed calculation runs then.
const TYPING_PAUSE_MS = 700;

// `actions`: the widget's action buttons; `ticket()`: the controller's latest calculation,
// which a click's own calculation moves on; `calculate()`: the controller's update.
export function typingPause(actions, signal, { ticket, calculate }) {
  let timer = null;
  let [pressed, owed] = [false, false];

  function cancel() {
    clearTimeout(timer);
    timer = null;
  }

  function now() {
    cancel();
    if (pressed) owed = true;
    else calculate();
  }

  function release() {
    if (!pressed) return;
    const before = ticket();
    setTimeout(() => {
      // After the click, which the browser sends with the release.
      pressed = false;
      if (owed && ticket() === before) calculate();
      owed = false;
    });
  }

  actions?.addEventListener("pointerdown", () => (pressed = true), { signal });
  for (const type of ["pointerup", "pointercancel"]) document.addEventListener(type, release, { capture: true, signal });
  return {
    typed() {
      cancel();
      timer = setTimeout(now, TYPING_PAUSE_MS);
    },
    pending: () => timer !== null,
    now,
    cancel,
  };
}
