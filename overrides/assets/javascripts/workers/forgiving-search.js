// Forgiving search: Material's own search worker, with one letter wrong allowed.
//
// Material builds a lunr query from what the visitor types: every word becomes a prefix
// search ("ischias*"). A patient who types "ishias" or "hernai" finds nothing. Before
// Material's worker sees a query, this adds each word of six letters or more once more
// as a lunr fuzzy term ("hernai~1": one edit away), which Material keeps as it is. The
// exact prefix match still scores higher, so a correctly typed query finds what it did.
//
// Loaded instead of Material's worker (overrides/main.html points __config.search here,
// ?material= names Material's worker, in this same folder: its own relative paths to
// the lunr languages keep working). A classic worker, no network, no inline code.

const MIN_LETTERS = 6;
const WORD = /^[\p{L}]+$/u;

function forgiving(query) {
  if (typeof query !== "string" || /[~^:*+"-]/.test(query)) return query; // lunr syntax: as typed
  const extra = query
    .trim()
    .split(/\s+/)
    .filter((word) => word.length >= MIN_LETTERS && WORD.test(word))
    .map((word) => `${word.toLowerCase()}~1`);
  return extra.length ? `${query} ${extra.join(" ")}` : query;
}

// Registered before Material's listener, so it runs first and rewrites the query in place.
addEventListener("message", (event) => {
  if (event.data && event.data.type === 2) event.data.data = forgiving(event.data.data);
});

const material = new URL(self.location.href).searchParams.get("material") || "";
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
  throw new Error("forgiving-search: ?material= must name Material's search worker in this folder");
}
importScripts(material);
