// The editor's checks: before a save, what the browser can know; after it, what the build says.
// No rules of their own: the Dutch messages and what they apply to come from config.json
// (wandelgids.editor.CHECKS), the calculators' limits from calculators.describe() (the
// components' fields), which pages others link to from the content checks (linked_from).
// Each check here is one of wandelgids.content_checks, run earlier so that nothing is written.
window.WandelgidsChecks = (() => {
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));

  // One panel for refusals and for the report after a save: it stays until closed or replaced
  // (Decap's own messages disappear after a few seconds).
  function notice(words) {
    let panel = null;
    const list = (items) => {
      const ul = document.createElement("ul");
      for (const item of items) {
        const li = ul.appendChild(document.createElement("li"));
        if (item.where) li.appendChild(document.createElement("strong")).textContent = `${item.where}: `;
        li.append(item.message);
        if (item.fix) {
          const fix = li.appendChild(document.createElement("span"));
          fix.className = "wg-notice__fix";
          fix.textContent = `${words.fix} ${item.fix}`;
        }
      }
      return ul;
    };
    const hide = () => { panel?.remove(); panel = null; };
    // It belongs to the page it is about: opening another page (or the list) closes it.
    let about = null;
    addEventListener("hashchange", () => { if (panel && about && !about()) hide(); });
    const show = ({ title, error, items = [], moreTitle = "", more = [], page = null }) => {
      hide();
      const hash = location.hash;
      about = page ? () => openPage() === page : () => location.hash === hash;
      panel = document.createElement("section");
      panel.className = `wg-notice ${error ? "wg-notice--error" : "wg-notice--ok"}`;
      panel.setAttribute("role", error ? "alert" : "status");
      panel.setAttribute("aria-label", title);
      panel.appendChild(document.createElement("p")).textContent = title;
      panel.firstChild.className = "wg-notice__title";
      if (items.length) panel.appendChild(list(items));
      if (more.length) {
        panel.appendChild(document.createElement("p")).textContent = moreTitle;
        panel.appendChild(list(more));
      }
      const close = panel.appendChild(document.createElement("button"));
      close.type = "button";
      close.textContent = words.close;
      close.addEventListener("click", hide);
      document.body.appendChild(panel);
    };
    return { show, hide };
  }

  let openPage = () => null; // the file of the page open in the editor (install)

  const today = () => new Date().toISOString().slice(0, 10); // UTC, as the build's day (wandelgids.dates)
  const asDay = (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? "").slice(0, 10));
  const unquote = (value) => value.replace(/^(["'])(.*)\1$/, "$2");

  function collectionFields(setup, name) {
    const collection = setup.config.collections.find((c) => c.name === name);
    return collection?.fields ?? collection?.files?.[0]?.fields ?? [];
  }

  // 'reviewed' or 'termen.reviewed' (a field of each item of a list): [label, value] pairs.
  function valuesAt(data, fields, path) {
    const [name, ...rest] = path.split(".");
    const field = fields.find((f) => f.name === name);
    if (!field) return [];
    if (!rest.length) return [[field.label, data?.[name]]];
    return (data?.[name] ?? []).flatMap((item, index) =>
      valuesAt(item, field.fields ?? [], rest.join(".")).map(([label, value]) =>
        // Named by the item's first text (a glossary word by its word).
        [`${field.label_singular ?? field.label} '${Object.values(item ?? {}).find((v) => typeof v === "string") ?? index + 1}': ${label}`, value]));
  }

  function checkDates(setup, collection, data) {
    const { checks } = setup;
    const fields = collectionFields(setup, collection);
    const found = [];
    for (const path of checks.not_in_future[collection] ?? []) {
      for (const [label, value] of valuesAt(data, fields, path)) {
        const day = asDay(value);
        if (/^\d{4}-\d{2}-\d{2}$/.test(day) && day > today()) {
          found.push({ where: fill(checks.where_field, { label }), ...filled(checks.future, { label, value: day }) });
        }
      }
    }
    return found;
  }

  const filled = (entry, values) => ({ message: fill(entry.message, values), fix: fill(entry.fix, values) });

  // The review fields are empty only on a concept page (wandelgids.content_checks requires them elsewhere).
  function checkReviewFields(setup, collection, data) {
    const { checks } = setup;
    const rule = checks.review_fields[collection];
    if (!rule || data?.[rule.concept] === true) return [];
    const fields = collectionFields(setup, collection);
    return rule.fields.flatMap((name) => valuesAt(data, fields, name))
      .filter(([, value]) => value == null || String(value).trim() === "")
      .map(([label]) => ({ where: fill(checks.where_field, { label }), ...filled(checks.review_missing, { label }) }));
  }

  // The body, line by line, outside code fences: images without alt text, calculator options out of
  // bounds, FAQ questions Markdown would break.
  function checkBody(setup, body) {
    const { checks } = setup;
    const found = [];
    const lines = String(body ?? "").split("\n");
    const prose = []; // [line, text] outside code and calculator blocks, as the content checks read them
    let fence = false;
    let block = null;
    lines.forEach((text, index) => {
      const where = fill(checks.where_body, { line: index + 1 });
      if (/^[ \t]{0,40}(```|~~~)/.test(text)) {
        fence = !fence;
        return;
      }
      if (fence) return;
      // The opening line in every spelling the build accepts: each calculator's pattern comes from
      // the build (calculator_block.editor_pattern), anchored at the block's start.
      if (!block && text.startsWith("///") && text.trim() !== "///") {
        const rest = lines.slice(index).join("\n");
        block = setup.calculators.find((c) => new RegExp(c.pattern).test(rest)) ?? { unknown: true };
        return;
      }
      if (block && text.trim() === "///") {
        block = null;
        return;
      }
      if (block) {
        if (!block.unknown) found.push(...checkOption(checks, block, text, where));
        return;
      }
      prose.push([index + 1, text]);
      for (const image of text.matchAll(/!\[([^\[\]]*)\]\(([^()\s]*)[^()]*\)/g)) {
        if (!image[1].trim()) found.push({ where, ...filled(checks.image_alt, { target: image[2] }) });
      }
      for (const tag of text.matchAll(/<img\b[^>]*>?/gi)) {
        const alt = /\balt\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag[0]);
        if (!alt || !(alt[1] ?? alt[2] ?? "").trim()) found.push({ where, ...filled(checks.html_image_alt, {}) });
      }
    });
    for (const [line, kind] of faqProblems(checks.faq, prose)) {
      found.push({ where: fill(checks.where_body, { line }), message: checks.faq[kind].message, fix: checks.faq[kind].fix });
    }
    return found;
  }

  // wandelgids.faq_check.kinds, step for step, with its patterns: [line, kind] for each question
  // block that would not fold open with its answer (tests/test_editor_config.py compares the two).
  function faqProblems(faq, lines) {
    const [marker, start, answer] = [faq.marker, faq.start, faq.answer].map((pattern) => new RegExp(pattern));
    const found = [];
    lines.forEach(([line, text], index) => {
      if (!marker.test(text)) return;
      const opening = start.exec(text);
      if (!opening || text[0] === " ") {
        found.push([line, (text.split('"').length - 1) % 2 ? "open_quote" : "not_a_question"]);
        return;
      }
      if (!(opening[2] || opening[4] || "").split(/\s+/).includes(faq.question)) return;
      if (opening[3] !== undefined && !opening[3].trim()) found.push([line, "empty"]);
      const following = lines.slice(index + 1).find(([, t]) => t.trim());
      if (!following || !answer.test(following[1])) found.push([line, "no_answer"]);
    });
    return found;
  }

  function checkOption(checks, calculator, text, where) {
    const option = /^([^\s:#][^:]*):[ \t]*(.*)$/.exec(text);
    if (!option) return []; // the build names a line without a colon
    const key = option[1].trim();
    const value = unquote(option[2].trim());
    const field = calculator.fields.find((f) => f.name === key);
    const names = { title: calculator.title, key, value, fields: calculator.fields.map((f) => f.name).join(", ") };
    if (!field) return [{ where, ...filled(checks.calculator_unknown, names) }];
    if (value === "") return []; // empty: the default
    const unit = calculator.units?.[key] ? ` ${calculator.units[key]}` : "";
    const values = { ...names, label: field.label, min: field.min, max: field.max, unit };
    if (field.widget === "number") {
      if (!/^-?\d+$/.test(value)) return [{ where, ...filled(checks.calculator_number, values) }];
      const number = Number(value);
      if ((field.min != null && number < field.min) || (field.max != null && number > field.max)) {
        return [{ where, ...filled(checks.calculator_range, values) }];
      }
    }
    if (field.widget === "select") {
      const choices = field.options.map((o) => (typeof o === "object" ? o.value : o));
      if (!choices.includes(value)) return [{ where, ...filled(checks.calculator_choice, { ...values, choices: choices.join(", ") }) }];
    }
    return [];
  }

  function install(CMS, setup, locale) {
    const { checks } = setup;
    const collection = setup.config.collections.find((c) => c.name === setup.collection);
    openPage = () => {
      const open = /^#\/collections\/([^/]+)\/entries\/(.+)$/.exec(location.hash);
      return open && open[1] === setup.collection ? `${collection.folder}/${decodeURIComponent(open[2])}.${collection.extension}` : null;
    };
    const panel = notice(checks);
    let linkedFrom = setup.linked_from ?? {};

    CMS.registerEventListener({
      name: "preSave",
      handler: ({ entry }) => {
        const collection = entry.get("collection");
        const data = entry.get("data").toJS();
        const found = [...checkReviewFields(setup, collection, data), ...checkDates(setup, collection, data)];
        if (collection === setup.collection) found.push(...checkBody(setup, data.body));
        if (!found.length) return undefined;
        panel.show({ title: checks.refused, error: true, items: found });
        // Decap stops the save and says "Kan item niet opslaan: <this>".
        throw found.map((f) => f.message).join(" ");
      },
    });

    // After a save, `make edit` tells what the build will say (wandelgids.editor_report): for a
    // concept (editorial workflow) the site with the concept in it. A site without that answer
    // (the online editor) has its report in the publishing pipeline.
    CMS.registerEventListener({
      name: "postSave",
      handler: ({ entry }) => {
        report(entry.get("path"));
        return undefined;
      },
    });
    async function report(path) {
      let answer;
      try {
        const response = await fetch(`/api/controle?bestand=${encodeURIComponent(path ?? "")}`, { cache: "no-store" });
        if (!response.ok) return;
        answer = await response.json();
      } catch {
        return;
      }
      linkedFrom = answer.linked_from ?? linkedFrom;
      // The file's line, and for the page's text also the line in the Markdown view (the editor counts from the text's first line).
      const where = (f) => `${f.path}, ${checks.line} ${f.line}` + (f.body_line ? `; ${fill(checks.where_body, { line: f.body_line })}` : "");
      const items = (list) => list.map((f) => ({ where: where(f), message: f.message, fix: f.fix }));
      panel.show({ title: answer.title, error: !answer.ok, items: items(answer.errors), moreTitle: answer.warnings_title,
                   more: items(answer.warnings), page: path });
    }

    // Decap asks "delete this page?" with window.confirm: a page others link to is refused instead,
    // whatever the backend, and nothing is deleted.
    const questions = new Set([locale.editor.editor.onDeletePublishedEntry, locale.editor.editor.onDeleteWithUnsavedChanges]);
    const ask = window.confirm.bind(window);
    window.confirm = (message) => {
      const page = openPage();
      if (questions.has(message) && page) {
        const sources = linkedFrom[page] ?? [];
        if (sources.length) {
          panel.show({ title: checks.refused, error: true, items: [{ where: page, ...filled(checks.delete, { page, sources: sources.join(", ") }) }] });
          return false;
        }
      }
      return ask(message);
    };
  }

  return { install, checkBody, faqProblems };
})();
