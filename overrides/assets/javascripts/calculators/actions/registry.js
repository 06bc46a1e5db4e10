// What a widget offers besides its plan (print, link, remember, calendar, ...): each
// action is a module that registers itself here. A widget offers an action when the
// build rendered the action's element (its `selector`) into it: the templates decide
// that from the calculator's describe() output, so no code here names a calculator.
//
// registerAction({ name, selector, connect }) - connect(context, element) runs once per
// widget that has the element and may return hooks:
//   valid(params, result)  after every valid result on screen (e.g. keep the inputs)
//   open()                 at start, in registration order, until one resolves to true:
//                          it put inputs into the form (from a link, from storage)
// `context` is the widget's controller (see controller.js: widget, form, name, noun,
// calculate, checkInputs, update, confirm).
// confirm(text, result) says in the status that an action is done for the plan `result`;
// the status keeps saying it while recalculations give that same plan (form.js, README).

const actions = [];

export function registerAction(action) {
  actions.push(action);
}

export function connectActions(context) {
  const hooks = [];
  for (const action of actions) {
    const element = context.widget.querySelector(action.selector);
    if (element) hooks.push(action.connect(context, element) || {});
  }
  return {
    valid(params, result) {
      for (const hook of hooks) hook.valid?.(params, result);
    },
    async open() {
      for (const hook of hooks) if (hook.open && (await hook.open())) return true;
      return false;
    },
  };
}
