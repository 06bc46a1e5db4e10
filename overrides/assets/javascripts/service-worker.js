// The site's service worker: every page visited before opens offline, with its calculator
// (README, "In the browser"). A classic script, no imports. The build (serving/offline.py)
// writes it to the site's root, after one line that sets self.WANDELGIDS_MANIFEST: this
// build's files with the start of their SHA-256, which of them carry a content hash in
// their URL, what every page and what each page needs, the offline page and a version.
//
// - Pages, the search index and everything without a content hash: network first, so a
//   patient online never sees an old page; the kept copy when the network fails, or when
//   it has not answered within PATIENCE_MS (a hanging connection).
// - Files whose URL carries a content hash (the Pyodide folder, Material's bundles):
//   cache first; they never change under their URL. So are the files of a page that a kept
//   copy answered: they are its build's, and the network is slow or gone.
// - Kept: what a visited page needs (the page tells us, see offline.js), never the whole
//   site, and only a response whose bytes are this build's file.
// - /admin/ (the editor), other origins and anything not in this build: never touched.
// - The memory snapshot (`worker_kept`: fetched after the calculator is live): the rekenhulp's
//   worker keeps it itself, decoded, in its own cache (`worker_cache`, snapshot.js); this
//   worker neither copies nor serves it, and removes other builds' snapshots from there.
// A new build is a new script: it installs beside the old one, carries over what is
// unchanged, fetches the new version of what the patient had, takes over and deletes
// every other cache.
"use strict";

const MANIFEST = self.WANDELGIDS_MANIFEST;
const CACHE = `wandelgids-${MANIFEST.version}`;
const FILES = new Map(Object.entries(MANIFEST.files));
const HASHED = new Set(MANIFEST.hashed);
// Kept by the rekenhulp's worker in WORKER_CACHE, not here.
const WORKER_KEPT = new Set(MANIFEST.worker_kept);
const WORKER_CACHE = MANIFEST.worker_cache;
const PAGES = new Map(Object.entries(MANIFEST.pages));
// Added to each kept response: which file it is (for the next build) and when it was kept.
const HASH_HEADER = "x-wandelgids-hash";
const KEPT_HEADER = "x-wandelgids-kept";
// The attribute of the offline note in each page (overrides/main.html); offline.js shows it.
const NOTE = "data-wandelgids-offline";
// Why the kept copy answered, written beside it: "offline" or "slow" (main.html has both notes).
const REASON = "data-wandelgids-reason";
// How long a request waits for the network when a kept copy could answer instead. fetch()
// settles when the answer's headers arrive: over a slow but working mobile link (3G:
// connection, TLS and the first answer in about 1-2 s) the patient still gets the fresh
// page. A connection that hangs instead of failing (one bar, a captive portal) would keep
// the patient waiting until the browser gives up, a minute or more; 4 s leaves a slow link
// room to answer and still shows the kept page well before a patient gives up on a blank screen.
const PATIENCE_MS = 4000;
// The documents (client ids) that a kept copy answered: what they load next (styles,
// scripts) comes from the kept copies at once, the same build as the page, instead of
// waiting for the network again. Lost when the browser stops this worker; only ids.
const KEPT_CLIENTS = new Set();
const ROOT = new URL(self.registration.scope);
const NEVER = ["/admin/"];

// The file's path below the site's root ("/opbouwen/"), or null outside the site.
function keyOf(url) {
  const address = new URL(url);
  if (address.origin !== ROOT.origin || !address.pathname.startsWith(ROOT.pathname)) return null;
  return "/" + address.pathname.slice(ROOT.pathname.length);
}

const urlOf = (key) => new URL(key.slice(1), ROOT).href;

async function digest(buffer) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// Keeps `response` as `key` when its bytes are this build's file; true when kept.
async function store(key, response) {
  if (!response || !response.ok || response.type !== "basic" || response.redirected) return false;
  const body = await response.arrayBuffer();
  const hash = FILES.get(key);
  if (!(await digest(body)).startsWith(hash)) return false;
  const headers = new Headers(response.headers);
  // The body is stored decoded; the CSP and the other headers go with it.
  headers.delete("content-encoding");
  headers.delete("content-length");
  headers.set(HASH_HEADER, hash);
  headers.set(KEPT_HEADER, new Date().toISOString());
  const cache = await caches.open(CACHE);
  await cache.put(urlOf(key), new Response(body, { status: 200, statusText: "OK", headers }));
  return true;
}

async function cached(key) {
  return (await caches.open(CACHE)).match(urlOf(key));
}

// Makes sure `key` is kept: already there, the same file from an earlier build's cache,
// or fetched (the browser's HTTP cache first: the page has just loaded it). A file the
// page fetches only after its calculator is live is the rekenhulp's worker's to keep.
async function ensure(key, earlier = []) {
  if (WORKER_KEPT.has(key)) return true;
  if (!FILES.has(key) || (await cached(key))) return FILES.has(key);
  for (const old of earlier) {
    const copy = await old.match(urlOf(key));
    if (copy && copy.headers.get(HASH_HEADER) === FILES.get(key)) {
      await (await caches.open(CACHE)).put(urlOf(key), copy);
      return true;
    }
  }
  try {
    if (await store(key, await fetch(urlOf(key), { cache: "force-cache" }))) return true;
    return await store(key, await fetch(urlOf(key), { cache: "no-cache" }));
  } catch {
    return false; // offline or gone: kept on a later visit
  }
}

// A visited page and everything it needs.
const needs = (page) => [page, ...MANIFEST.common, ...(PAGES.get(page) || [])];

async function keepPage(page, earlier = []) {
  if (!PAGES.has(page)) return false;
  const kept = await Promise.all(needs(page).map((key) => ensure(key, earlier)));
  return kept.every(Boolean);
}

// A kept page served instead of the network's: its note gets the moment it was kept and why.
async function marked(copy, reason) {
  const html = await copy.text();
  const kept = copy.headers.get(KEPT_HEADER) || "";
  const headers = new Headers(copy.headers);
  const note = `${NOTE}="${kept}" ${REASON}="${reason}"`;
  return new Response(html.replace(NOTE, note), { status: 200, statusText: "OK", headers });
}

// A page not visited before, offline: the Dutch offline page.
async function offlinePage() {
  const copy = await cached(MANIFEST.offline);
  if (!copy) {
    return new Response("Je bent offline. Deze pagina is nog niet op dit apparaat bewaard.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(copy.body, { status: 503, statusText: "Offline", headers: copy.headers });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The kept copy answering for the network ("offline" or "slow").
function keptAnswer(event, key, copy, reason) {
  if (event.request.mode === "navigate") KEPT_CLIENTS.add(event.resultingClientId);
  return PAGES.has(key) ? marked(copy, reason) : copy;
}

async function networkFirst(event, key) {
  const network = fetch(event.request);
  // Kept whenever it arrives, also after the kept copy answered: the next visit is fresh.
  event.waitUntil(network.then((response) => store(key, response.clone()), () => false));
  const copy = await cached(key);
  try {
    // Without a kept copy there is nothing better to show: wait for the network.
    const response = await (copy ? Promise.race([network, pause(PATIENCE_MS)]) : network);
    return response || keptAnswer(event, key, copy, "slow");
  } catch (error) {
    if (copy) return keptAnswer(event, key, copy, "offline");
    if (event.request.mode === "navigate") return offlinePage();
    throw error;
  }
}

async function cacheFirst(event, key) {
  const copy = await cached(key);
  if (copy) return copy;
  const response = await fetch(event.request);
  event.waitUntil(store(key, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const key = keyOf(request.url);
  if (key === null || NEVER.some((prefix) => key.startsWith(prefix)) || WORKER_KEPT.has(key)) return; // the browser's own way
  if (!FILES.has(key)) {
    if (request.mode === "navigate") event.respondWith(fetch(request).catch(offlinePage));
    return;
  }
  const sameBuild = HASHED.has(key) || (!PAGES.has(key) && KEPT_CLIENTS.has(event.clientId));
  if (sameBuild && event.resultingClientId) KEPT_CLIENTS.add(event.resultingClientId); // its workers
  event.respondWith(sameBuild ? cacheFirst(event, key) : networkFirst(event, key));
});

// The caches of earlier builds (this origin keeps no other but the rekenhulp's worker's).
async function earlierCaches() {
  const names = (await caches.keys()).filter((name) => name !== CACHE && name !== WORKER_CACHE);
  return Promise.all(names.map((name) => caches.open(name)));
}

// Install: the offline page and what every page needs, then the pages the patient had
// kept under an earlier build (in this build's version), so nothing visited is lost.
self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const earlier = await earlierCaches();
      if (!(await ensure(MANIFEST.offline, earlier))) throw new Error("offline page not kept");
      await Promise.all(MANIFEST.common.map((key) => ensure(key, earlier)));
      const visited = new Set();
      for (const old of earlier) {
        for (const request of await old.keys()) visited.add(keyOf(request.url));
      }
      await Promise.all([...visited].filter((key) => PAGES.has(key)).map((key) => keepPage(key, earlier)));
      await self.skipWaiting();
    })(),
  );
});

// The rekenhulp worker's cache keeps only this build's files.
async function pruneWorkerCache() {
  const cache = await caches.open(WORKER_CACHE);
  for (const request of await cache.keys()) if (!WORKER_KEPT.has(keyOf(request.url))) await cache.delete(request);
}

// Activate: every other cache goes, and other builds' files from the rekenhulp worker's;
// open pages are served by this build from now on.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name === WORKER_CACHE) await pruneWorkerCache();
        else if (name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// offline.js: {type: "keep", url} once a page is shown and its calculator settled; the
// answer (on the message's port) says whether all of it is kept.
self.addEventListener("message", (event) => {
  const message = event.data;
  if (!message || message.type !== "keep" || typeof message.url !== "string") return;
  const page = keyOf(message.url);
  event.waitUntil(
    keepPage(page).then((kept) => {
      if (event.ports[0]) event.ports[0].postMessage({ page, kept, version: MANIFEST.version });
    }),
  );
});
