// The worker's watch over its own load (issue 16): every file Pyodide fetches is
// counted as it arrives, and the load fails only when nothing has arrived for
// LOAD_SILENCE_MS (the page may set another limit with CONFIG), not after a fixed time
// in all: a slow link that keeps moving always gets there. The page turns the counts
// into "1,2 van 3,1 MB" with the sizes the build wrote into the page.
//
// The build copies this file beside the worker in the content-hashed Pyodide folder,
// like protocol.js (wandelgids/mkdocs_plugin.py).
import { CAUSE, LOAD_SILENCE_MS, MESSAGE, silenceClock } from "./protocol.js";

const fileName = (url) => new URL(url, self.location.href).pathname.split("/").pop();

function webAssemblyMissing() {
  if (typeof WebAssembly !== "object") return true;
  try {
    new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)); // the empty module
    return false;
  } catch {
    return true;
  }
}

// A refused instantiation: the .wasm did not arrive (a TypeError), a policy or lockdown
// mode refused to compile it, or the engine lacks a feature Pyodide's module uses.
function webAssemblyCause(error) {
  if (error instanceof TypeError) return CAUSE.CONNECTION;
  return /unsafe-eval|Content.Security.Policy|CSP|disallowed/i.test(String(error)) ? CAUSE.WEBASSEMBLY : CAUSE.BROWSER;
}

// post(message) sends PROGRESS; fail(cause, message) ends the load (the worker's settle).
// kept(url, init), when given, is asked first for each fetch: a Response it has (a copy
// kept on this device) answers without the network and is not counted; null means the
// network. The worker's one fetch wrapper is this one.
export function watchLoad({ post, fail, kept = null }) {
  const ahead = new Map(); // URL -> a response fetched ahead (fetchAhead), for the first fetch of it
  const received = {}; // file name -> decoded bytes so far
  let failure = null; // the first cause seen (a failed request), which explains a later error
  let progressTimer = null;
  const end = (cause, message) => {
    clock.stop();
    fail(failure || cause, message);
  };
  const clock = silenceClock(LOAD_SILENCE_MS, () =>
    end(CAUSE.CONNECTION, `Er kwam ${clock.limit / 1000} seconden lang niets binnen.`),
  );

  function progressed(name, bytes) {
    received[name] = bytes;
    clock.touch();
    // At most a few messages a second; the page shows tenths of a MB.
    progressTimer ??= setTimeout(() => {
      progressTimer = null;
      post({ type: MESSAGE.PROGRESS, files: received });
    }, 200);
  }

  async function count(name, body) {
    const reader = body.getReader();
    let bytes = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
        progressed(name, bytes);
      }
    } catch {
      // The original response's reader meets the same error, and Pyodide reports it.
    }
  }

  // A clone of each response is read beside the original, so Pyodide and the browser's
  // caches (the compiled WebAssembly among them) see the real response.
  const nativeFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, self.location.href).href;
    const early = ahead.get(url);
    if (early) {
      ahead.delete(url); // once: the caller reads its body
      return early;
    }
    const copy = kept && (await kept(url, init));
    if (copy) return copy;
    // A probe of the browser's cache (snapshot.js) that misses says nothing about the connection.
    if (init?.cache === "only-if-cached") return nativeFetch(input, init);
    let response;
    try {
      response = await nativeFetch(input, init);
    } catch (error) {
      failure ??= CAUSE.CONNECTION;
      throw error;
    }
    clock.touch();
    if (!response.ok) failure ??= CAUSE.CONNECTION;
    else if (response.body) count(fileName(response.url || String(input.url || input)), response.clone().body);
    return response;
  };
  // What does not come through fetch (the worker's own imports, pyodide.asm.js) counts
  // once it is complete.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const name = fileName(entry.name);
      if (!(received[name] >= entry.decodedBodySize)) progressed(name, entry.decodedBodySize);
    }
  }).observe({ type: "resource", buffered: true });

  // Pyodide only logs a failed instantiation and then waits forever: fail at once.
  if (!webAssemblyMissing()) {
    for (const name of ["instantiateStreaming", "instantiate"]) {
      const original = WebAssembly[name];
      WebAssembly[name] = (...args) =>
        original.apply(WebAssembly, args).catch((error) => {
          end(webAssemblyCause(error), String((error && error.message) || error));
          throw error;
        });
    }
  }

  return {
    webAssemblyMissing,
    // Fetches `url` now (counted like any file) and answers the first later fetch of it with
    // that response; a failure reaches that fetch.
    fetchAhead(url, init) {
      const response = self.fetch(url, init);
      response.catch(() => {});
      ahead.set(new URL(url, self.location.href).href, response);
    },
    fail: end,
    stop: () => clock.stop(),
    // The silence counts from now (the worker was waiting for the page, not for the network).
    touch: () => clock.touch(),
    set limit(ms) {
      clock.limit = ms;
    },
  };
}
