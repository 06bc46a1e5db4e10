// Forgiving search: Material's own search worker, with one letter wrong allowed, started
// at the first search.
//
// Material builds a lunr query from what the visitor types: every word becomes a prefix
// search ("ischias*"). A patient who types "ishias" or "hernai" finds nothing. Before
// Material's worker sees a query, this adds each word of six letters or more once more
// as a lunr fuzzy term ("hernai~1": one edit away), which Material keeps as it is. The
// exact prefix match still scores higher, so a correctly typed query finds what it did.
//
// Material hands its worker the search index on every page load (setup) and the worker
// builds its lunr index at once: about 150 ms of CPU, and its scripts (some 20 KB), while
// the rekenhulp's Python starts on the same cores. Most visits never search. So this
// keeps the setup, answers "ready" itself (Material sends no query before it) and the
// empty query Material sends then (no results, as Material answers it), and loads and
// sets up Material's worker with the first real query, which waits for it.
//
// Loaded instead of Material's worker (overrides/main.html points __config.search here,
// ?material= names Material's worker, in this same folder: its own relative paths to
// the lunr languages keep working). A classic worker, no network until a search, no
// inline code.

const MIN_LETTERS = 6;
const WORD = /^[\p{L}]+$/u;
const SETUP = 0; // Material's message types (integrations/search/worker/message)
const READY = 1;
const QUERY = 2;
const RESULT = 3;

function forgiving(query) {
  if (typeof query !== "string" || /[~^:*+"-]/.test(query)) return query; // lunr syntax: as typed
  const extra = query
    .trim()
    .split(/\s+/)
    .filter((word) => word.length >= MIN_LETTERS && WORD.test(word))
    .map((word) => `${word.toLowerCase()}~1`);
  return extra.length ? `${query} ${extra.join(" ")}` : query;
}

const material = new URL(self.location.href).searchParams.get("material") || "";
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
  throw new Error("forgiving-search: ?material= must name Material's search worker in this folder");
}

let setup = null; // Material's setup, kept until the first query
let state = "waiting"; // → "loading" (Material's worker builds its index) → "live"
const queries = []; // what came while it loads, in order
let handing = false; // a message this file hands to Material's listener itself
const post = self.postMessage.bind(self);

function hand(data) {
  handing = true;
  try {
    dispatchEvent(new MessageEvent("message", { data }));
  } finally {
    handing = false;
  }
}

function startMaterial() {
  state = "loading";
  // Material answers its setup with "ready", said already: instead, the queries go on.
  self.postMessage = (message, ...rest) => {
    if (state !== "loading" || !message || message.type !== READY) return post(message, ...rest);
    state = "live";
    self.postMessage = post;
    for (const data of queries.splice(0)) hand(data);
  };
  importScripts(material);
  hand(setup);
}

// Registered before Material's listener, so it runs first: it rewrites a query in place,
// and keeps everything from Material until it is loaded.
addEventListener("message", (event) => {
  if (handing) return; // for Material's listener, as it was kept
  const { data } = event;
  if (data && data.type === QUERY) data.data = forgiving(data.data);
  if (state === "live") return;
  event.stopImmediatePropagation();
  if (data && data.type === SETUP) {
    setup = data;
    post({ type: READY });
  } else if (data && data.type === QUERY && state === "waiting" && !String(data.data).trim()) {
    post({ type: RESULT, data: { items: [] } });
  } else {
    queries.push(data);
  }
  if (state === "waiting" && setup && queries.length) startMaterial();
});
