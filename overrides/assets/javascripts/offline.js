// Offline after the first visit, the page's side (the worker: service-worker.js at the
// site's root, README "In the browser"). On every page, once per document (Material's
// instant navigation keeps the document):
// - registers the service worker after the page has loaded, so it never competes with it;
// - on every page shown (document$: the first and each one swapped in), asks the worker to
//   keep that page and what it needs, once the page's calculator is live or has failed
//   (the worker then copies the files from the browser's HTTP cache, no second download);
//   <html data-wandelgids-kept="/path/"> says when that is done (tests, benchmarks);
// - shows the note "Je bent offline: dit is de versie van <datum>" when the worker
//   answered with a kept copy (it writes the moment it kept it into the note's attribute),
//   "De verbinding is traag: ..." when it did so because the network did not answer in time
//   (the worker writes why into data-wandelgids-reason; main.html holds both wordings).
// The one date the browser writes itself: the moment a copy was kept is known only here, on
// any page, offline, where no Python runs (every other date comes from calculators/text.py).
const KEPT_ON = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });

const WORKER = new URL("../../service-worker.js", import.meta.url);

function showOfflineNote() {
  const note = document.querySelector("[data-wandelgids-offline]");
  const kept = note ? new Date(note.dataset.wandelgidsOffline) : null;
  if (!kept || Number.isNaN(kept.getTime())) return;
  const reason = note.dataset.wandelgidsReason || "offline";
  for (const start of note.querySelectorAll("[data-wandelgids-note]")) {
    start.hidden = start.dataset.wandelgidsNote !== reason;
  }
  const time = note.querySelector("time");
  time.dateTime = kept.toISOString();
  time.textContent = KEPT_ON.format(kept);
  note.hidden = false;
}

const loaded = new Promise((resolve) => {
  if (document.readyState === "complete") resolve();
  else window.addEventListener("load", resolve, { once: true });
});

// Settles once this page's calculator is live or has failed; at once without one.
function calculatorSettled() {
  if (!document.querySelector("[data-calculator]")) return Promise.resolve();
  if (window.wandelgids) return window.wandelgids.ready.catch(() => {});
  return new Promise((resolve) => {
    document.addEventListener("wandelgids:ready", resolve, { once: true });
    document.addEventListener("wandelgids:failed", resolve, { once: true });
  });
}

async function keep() {
  const path = location.pathname;
  await loaded;
  await calculatorSettled();
  const worker = (await navigator.serviceWorker.ready).active;
  if (!worker || location.pathname !== path) return; // another page is shown by now: it asks itself
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  worker.postMessage({ type: "keep", url: location.href }, [channel.port2]);
  const { page, kept } = await answer;
  if (kept && location.pathname === path) document.documentElement.dataset.wandelgidsKept = page;
}

function pageShown() {
  showOfflineNote();
  if ("serviceWorker" in navigator) keep().catch(() => {}); // no worker: the site works as before, online
}

if ("serviceWorker" in navigator) {
  loaded.then(() => navigator.serviceWorker.register(WORKER).catch(() => {}));
}
window.document$?.subscribe(pageShown) ?? pageShown();
