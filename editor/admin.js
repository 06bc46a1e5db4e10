// The web editor at /admin/: wires the build's generated configuration into Decap CMS.
// No rules live here: fields, limits and choices come from config.json, which the
// build generates from the front matter definition and calculators.describe().
(async () => {
  const CMS = window.CMS;
  const [setup, dutch] = await Promise.all(["config.json", "nl.json"].map(async (file) => (await fetch(file, { cache: "no-cache" })).json()));
  // Decap's Dutch covers about 80 % of its English: nl.json adds the rest (and corrects a few).
  const locale = merge(CMS.getLocale("nl"), dutch);
  CMS.registerLocale("nl", locale);
  const config = setup.config;
  // With `make edit` (and in the tests) decap-server answers on this same origin
  // under /api/v1; Decap only tries that on localhost / 127.0.0.1.
  config.local_backend = { url: new URL("/api/v1", location.href).href };

  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  for (const calculator of setup.calculators) {
    const numeric = new Set(calculator.fields.filter((f) => f.widget === "number").map((f) => f.name));
    // The block's syntax comes from the build (calculator.pattern, calculator.empty_block):
    // the opening and closing lines of an empty block frame the option lines.
    const [opening, closing] = calculator.empty_block.split("\n");
    CMS.registerEditorComponent({
      id: `rekenhulp-${calculator.name}`,
      label: calculator.label,
      fields: calculator.fields,
      // Decap wants one pattern anchored at the block's start, without flags.
      pattern: new RegExp(calculator.pattern),
      fromBlock(match) {
        const data = {};
        for (const line of match[1].split("\n")) {
          const at = line.indexOf(":");
          if (at < 1) continue;
          const key = line.slice(0, at).trim();
          const value = line.slice(at + 1).trim();
          data[key] = numeric.has(key) && /^-?\d+$/.test(value) ? Number(value) : value;
        }
        return data;
      },
      toBlock(data) {
        const lines = calculator.fields
          .filter((f) => data[f.name] !== undefined && data[f.name] !== null && String(data[f.name]).trim() !== "")
          .map((f) => `${f.name}: ${String(data[f.name]).trim()}`);
        return [opening, ...lines, closing].join("\n");
      },
      toPreview(data) {
        const set = calculator.fields
          .filter((f) => data[f.name] !== undefined && data[f.name] !== null && String(data[f.name]).trim() !== "")
          .map((f) => `<li>${escape(f.label)}: ${escape(data[f.name])}</li>`)
          .join("");
        return `<section class="wg-calc wg-editor-calc"><p class="wg-calc__title">${escape(calculator.title)}</p>` +
          (set ? `<ul>${set}</ul>` : "<p>Met de standaardwaarden.</p>") +
          "<p>Op de website rekent de bezoeker hier zelf mee.</p></section>";
      },
    });
  }

  registerFaq(CMS, setup.faq, escape);
  registerImage(CMS, setup.image);
  window.WandelgidsChecks.install(CMS, setup, locale);
  // Decap's Markdown writer, set to the form the pages are written in (README, "Vorm van de
  // pagina's"): "-" for bullets like the pages have always had. Its other defaults already match.
  CMS.registerRemarkPlugin({ settings: { bullet: "-" } });

  for (const style of setup.preview_styles) CMS.registerPreviewStyle(new URL(style, location.href).href);
  const h = window.h;
  // The preview looks like a page of the site: Material's typography and the site's colours.
  CMS.registerPreviewTemplate(setup.collection, window.createClass({
    render() {
      const entry = this.props.entry;
      // dir and lang as the site's <html> has them: Material places the FAQ question's icon with
      // [dir=ltr] rules, without which the icon covers the question's first letters.
      return h("div", { dir: "ltr", lang: "nl", "data-md-color-scheme": "default", "data-md-color-primary": "custom", "data-md-color-accent": "custom" },
        h("main", { className: "md-main" },
          h("div", { className: "md-content" },
            h("article", { className: "md-content__inner md-typeset" },
              this.props.widgetFor("body")))));
    },
  }));

  CMS.init({ config });
  watchAccessibility(Object.values(setup.checks.review_fields).flatMap((rule) => rule.fields));
})();

// Decap's locale objects, deeply: the keys of `extra` over those of `base`.
function merge(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] = value && typeof value === "object" && typeof base?.[key] === "object" ? merge(base[key], value) : value;
  }
  return result;
}

// Decap's image component (decap-cms-editor-component-image) with Dutch labels: its own
// are English and outside the locale. Same id, pattern and Markdown, so pages do not change.
function registerImage(CMS, words) {
  const h = window.h;
  CMS.registerEditorComponent({
    id: "image",
    label: words.label,
    pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
    fromBlock: (match) => match && { image: match[2], alt: match[1], title: match[4] },
    toBlock: ({ alt, image, title }) => `![${alt || ""}](${image || ""}${title ? ` "${title.replace(/"/g, '\\"')}"` : ""})`,
    toPreview: ({ alt, image, title }, getAsset, fields) => {
      const field = fields?.find((f) => f.get("widget") === "image");
      return h("img", { src: String(getAsset(image, field) || ""), alt: alt || "", title: title || "" });
    },
    fields: [
      { label: words.image, name: "image", widget: "image", media_library: { allow_multiple: false } },
      { label: words.alt, name: "alt", hint: words.alt_hint },
      { label: words.title, name: "title", hint: words.title_hint },
    ],
  });
}

// A question with its answer (pymdownx.details), as one block in the editor:
//   ??? question "Mag ik wandelen als ik rugpijn heb?"
//
//       Ja, zolang het comfortabel blijft.
// Rich text would otherwise read the indented answer as a code block.
function registerFaq(CMS, faq, escape) {
  const indent = "    ";
  CMS.registerEditorComponent({
    id: faq.name,
    label: faq.label,
    fields: faq.fields,
    // The question line, one blank line, then the answer's lines: indented, or blank
    // between two indented lines (an answer of more paragraphs).
    pattern: /^\?\?\? question "([^"\n]*)"\n\n( {4}[^\n]*(?:\n(?: {4}[^\n]*|(?=\n {4})))*)/,
    fromBlock(match) {
      return { question: match[1], answer: match[2].split("\n").map((line) => line.replace(/^ {4}/, "")).join("\n") };
    },
    toBlock(data) {
      // The question is written between double quotes, on one line.
      const question = String(data.question ?? "").replace(/\s+/g, " ").trim().replace(/"/g, "”");
      const answer = String(data.answer ?? "").trim().split("\n")
        .map((line) => (line.trim() ? indent + line.trimEnd() : "")).join("\n");
      return `??? question "${question}"\n\n${answer}`;
    },
    toPreview(data) {
      const paragraphs = String(data.answer ?? "").trim().split(/\n\s*\n/)
        .map((part) => `<p>${escape(part)}</p>`).join("");
      return `<details class="question" open><summary>${escape(data.question ?? "")}</summary>${paragraphs}</details>`;
    },
  });
}

// Decap's own markup misses a few names and states that axe-core (WCAG 2.2 A/AA) asks
// for; fill them in as Decap renders. Only attributes: no styles, no behaviour changed.
// Also: the review fields are required except on a concept, which Decap cannot say (required: false
// adds "(optioneel)" to the label); their hint says it, and Decap's "(optioneel)" is hidden.
function watchAccessibility(requiredUnlessConcept) {
  const set = (element, name, value) => {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  };
  const fix = () => {
    for (const name of requiredUnlessConcept) {
      for (const optional of document.querySelectorAll(`label[for^="${name}-field-"] > span:not([hidden])`)) optional.hidden = true;
    }
    for (const frame of document.querySelectorAll("iframe#preview-pane")) set(frame, "title", "Voorvertoning van de pagina");
    for (const editor of document.querySelectorAll("[data-slate-editor]")) {
      if (!editor.hasAttribute("aria-label")) set(editor, "aria-label", "Tekst van de pagina");
    }
    // The "Rijke tekst / Markdown" switch: Decap drops aria-checked when it is off.
    for (const toggle of document.querySelectorAll("button[role=switch]")) {
      if (toggle.className.includes("ToolbarToggle")) set(toggle, "aria-label", "Markdown-weergave");
      if (!toggle.hasAttribute("aria-checked")) set(toggle, "aria-checked", "false");
    }
    // Toolbar menus wrap their button in a second "button" (nested controls): the inner
    // button is the control, so it gets the menu state and the wrapper loses its role.
    for (const wrapper of document.querySelectorAll("span[role=button][aria-haspopup]")) {
      const inner = wrapper.querySelector("button");
      if (!inner) continue;
      set(inner, "aria-haspopup", "true");
      set(inner, "aria-expanded", wrapper.getAttribute("aria-expanded") || "false");
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("tabindex");
      wrapper.dataset.menuWrapper = "";
    }
    // Menus put their items in a <ul> of <div>s: the list is only layout.
    for (const list of document.querySelectorAll("[role=menu] > ul")) {
      set(list, "role", "none");
      list.removeAttribute("tabindex");
    }
    for (const wrapper of document.querySelectorAll("span[data-menu-wrapper][aria-expanded]")) {
      const inner = wrapper.querySelector("button");
      if (inner) set(inner, "aria-expanded", wrapper.getAttribute("aria-expanded"));
      wrapper.removeAttribute("aria-expanded");
      wrapper.removeAttribute("aria-haspopup");
    }
  };
  new MutationObserver(fix).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["aria-checked", "aria-expanded", "role"],
  });
  fix();
}
