"""A worker no request can kill (issue 18): fuzzed in Chromium, and the page's failed state."""

from __future__ import annotations

import json

import pytest
from conftest import axe_violations
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators

LIMITS = json.loads(calculators.request_limits())
NORMAL = json.dumps({"name": "breathing", "params": {"cadence": 110}})
NORMAL_RESULT = json.loads(json.dumps(calculators.calculate("breathing", {"cadence": 110})))

# One worker for the whole module: sends each request text and collects the answer by id.
START = """
async (workerUrl) => {
  const worker = new Worker(workerUrl, { type: "module" });
  worker.postMessage(JSON.stringify({ type: "start" })); // as the page does once it is shown
  const answers = new Map();
  window.__broken = null;
  await new Promise((resolve, reject) => {
    worker.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "ready") resolve();
      if (message.type === "failed") reject(new Error(message.message));
      if (message.type === "broken") window.__broken = message.message;
      if (message.type === "result") answers.get(message.id)?.(message.result);
    });
  });
  let id = 0;
  window.__ask = (envelope) => new Promise((resolve) => {
    id += 1;
    answers.set(id, resolve);
    worker.postMessage(JSON.stringify({ type: "calculate", id, ...envelope }));
  });
  // Posted as an object (structured clone), not as the protocol's JSON text.
  window.__askRaw = (request) => new Promise((resolve) => {
    id += 1;
    answers.set(id, resolve);
    worker.postMessage({ type: "calculate", id, request });
  });
}
"""
# Junk then a normal request, pairwise; returns [[junk answer, normal answer], ...].
ASK = """
async ([texts, normal]) => {
  const out = [];
  for (const text of texts) out.push([await window.__ask({ request: text }), await window.__ask({ request: normal })]);
  return out;
}
"""


@pytest.fixture(scope="module")
def worker_page(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "opbouwen/")
    url = page.evaluate(
        "new URL('calculator-worker.js', new URL(document.querySelector('meta[name=wandelgids-pyodide]').content, document.baseURI)).href"
    )
    page.evaluate(START, url)
    yield page
    context.close()


def ask(page, texts):
    pairs = page.evaluate(ASK, [texts, NORMAL])
    assert page.evaluate("window.__broken") is None
    for text, (junk, normal) in zip(texts, pairs, strict=True):
        # Every id answered, as CPython answers the same text; the worker still calculates.
        assert junk == json.loads(calculators.calculate_json(text)), text[:200]
        assert normal == NORMAL_RESULT
    return [junk for junk, _ in pairs]


def nested(depth: int, inner: str = "1") -> str:
    return "[" * depth + inner + "]" * depth


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5),
    max_leaves=30,
)
NAMES = st.sampled_from([*calculators.NAMES, "bestaat-niet", ""]) | st.text(max_size=10)


@settings(max_examples=15)
@given(st.lists(st.tuples(NAMES, JSON_VALUES), min_size=1, max_size=8), st.lists(JSON_VALUES, max_size=4))
def test_random_json_is_answered_as_cpython_answers_it(worker_page, requests, bare):
    texts = [json.dumps({"name": name, "params": params}) for name, params in requests]
    ask(worker_page, texts + [json.dumps(value) for value in bare])


def test_deep_huge_and_many_are_refused_and_the_worker_lives_on(worker_page):
    limit, depth = LIMITS["max_bytes"], LIMITS["max_depth"]
    deep = [
        json.dumps({"name": "breathing", "params": {"cadence": 0}}).replace("0", nested(n)) for n in (depth, 10_000, 20_000)
    ]
    texts = [
        *deep,
        nested(depth),  # just inside: Python judges it
        nested(depth + 1),
        '{"name": "breathing", "params": ' + "{\"a\":" * 10_000 + "1" + "}" * 10_000 + "}",
        json.dumps({"name": "breathing", "params": {"cadence": "9" * 2 * limit}}),
        json.dumps({"name": "breathing", "params": {"x" * (1024 * 1024): 1}}),
        json.dumps({"name": "breathing", "params": {f"k{i}": i for i in range(50_000)}}),
        json.dumps({"name": "breathing", "params": {f"k{i}": i for i in range(3_000)}}),  # under the size limit
        json.dumps({"name": "breathing", "params": {"[" * 100: "]" * 100, "cadence": '"[[[[\\"'}}),
        "\ud800" * 10,
    ]
    answers = ask(worker_page, texts)
    refused = [a["errors"][0]["message"] == LIMITS["refusal"] for a in answers]
    assert refused == [True, True, True, False, True, True, True, True, True, False, False, False]
    many = answers[9]["errors"]
    assert len(many) == 11 and many[-1] == {"field": None, "message": "En nog 2990 onbekende velden."}
    assert all(len(error["field"] or "") <= 40 for error in many)
    assert len(json.dumps(answers[9])) < 2_000


def test_structured_objects_are_answered_too(worker_page):
    answers = worker_page.evaluate(
        """async () => {
          const odd = [new Date(0), new ArrayBuffer(8), new Map([[1, 2]]), new Uint8Array(100000), [undefined],
                       { name: "breathing", params: { cadence: 110n } }, new Error("x"), /re/];
          const out = [];
          for (const request of odd) out.push(await window.__askRaw(request));
          out.push(await window.__askRaw({ name: "breathing", params: { cadence: 110 } }));
          return out;
        }"""
    )
    assert all(answer["ok"] is False and answer["errors"][0]["message"] for answer in answers[:-1])
    assert answers[-1] == NORMAL_RESULT


def test_every_type_in_the_envelope_is_answered(worker_page):
    odd = [None, True, 0, -1.5, "", "tekst", [], [1, [2]], {}, {"name": "breathing"}, {"name": "breathing", "params": []}]
    answers = worker_page.evaluate(
        "async (odd) => { const out = []; for (const request of odd) out.push(await window.__ask({ request })); "
        "out.push(await window.__ask({ request: { name: 'breathing', params: { cadence: 110 } } })); return out; }",
        odd,
    )
    # A request that is not text is taken as the JSON it stands for; text is the request itself.
    for value, answer in zip(odd, answers, strict=False):
        assert answer == json.loads(calculators.calculate_json(value if isinstance(value, str) else json.dumps(value)))
    assert answers[-1] == NORMAL_RESULT


# Workers that load but then fail, served in place of the real one. Like the real one they
# answer calculate requests only (the page also sends START and, in tests, CONFIG).
READY = 'self.postMessage(JSON.stringify({type: "ready", at: performance.timeOrigin, limits: %s}));' % json.dumps(LIMITS)
ON_REQUEST = ' self.onmessage = (e) => JSON.parse(e.data).type === "calculate" && self.postMessage(%s);'
FAKE_WORKERS = {
    "silent": READY,  # never answers a request
    "broken": READY + ON_REQUEST % 'JSON.stringify({type: "broken", message: "kapot"})',
    "garbled": READY + ON_REQUEST % '`{"type":"result","id":${JSON.parse(e.data).id}}`',
}


# The real worker on a Pyodide whose calculate call fails as Pyodide's fatal error does,
# or returns no text (as it did for params nested 20,000 deep).
FAKE_PYODIDE = """
export async function loadPyodide() {
  const call = %s;
  const limits = () => %s;
  return { loadPackage: async () => {}, runPython: () => {}, globals: { get: (name) => name.endsWith("limits") ? limits : call } };
}
"""
FAKE_CALLS = {
    "fatal": '() => { throw new RangeError("Maximum call stack size exceeded"); }',
    "undefined": "() => undefined",
}
FAKES = {
    **{f"worker-{kind}": ("calculator-worker.js", body) for kind, body in FAKE_WORKERS.items()},
    **{
        f"pyodide-{kind}": ("pyodide.mjs", FAKE_PYODIDE % (call, json.dumps(json.dumps(LIMITS))))
        for kind, call in FAKE_CALLS.items()
    },
}
# Why the page failed (the detail of "wandelgids:failed"): each case its own way.
REASONS = {
    "worker-silent": "geen antwoord",
    "worker-broken": "kapot",
    "worker-garbled": "onleesbaar antwoord",
    "pyodide-fatal": "Maximum call stack",
    "pyodide-undefined": "geen tekst",
}


@pytest.mark.parametrize("kind", FAKES)
def test_a_worker_that_stops_answering_shows_the_failed_state_with_the_prerendered_plan(page, base_url, kind):
    page.add_init_script(
        "window.wandelgidsRequestTimeoutMs = 1500;"
        "document.addEventListener('wandelgids:failed', (event) => { window.__reason = event.detail.reason; });"
    )
    file, body = FAKES[kind]
    page.route(
        f"**/assets/pyodide/*/{file}",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=body),
    )
    page.goto(base_url + "opbouwen/")
    widget = page.locator("[data-calculator='progression']")
    prerendered = widget.locator("[data-calculator-result]").inner_html()
    # The first request after "ready" fails: on an untouched page that is the print action's
    # quiet request for the printout's date (a patient's own change would be the next one).
    page.wait_for_selector("[data-calculator='progression'][data-state='failed']")
    assert page.evaluate("wandelgids.stages.some((s) => s.stage === 'ready')"), "it failed after it was live, not while loading"
    assert REASONS[kind] in page.evaluate("window.__reason")
    assert "De rekenhulp werkt niet meer" in widget.locator("[data-calculator-status]").inner_text()
    assert widget.locator("[data-calculator-result]").inner_html() == prerendered
    assert widget.get_by_label("Nu per dag").is_disabled()
    assert page.recorder.errors == []
    assert axe_violations(page) == []


def test_the_bridge_refuses_what_cannot_go_to_the_worker(page, base_url):
    page.goto(base_url + "opbouwen/")
    page.evaluate("window.wandelgids.ready")
    answers = page.evaluate(
        """async () => {
          let deep = 1;
          for (let i = 0; i < 20000; i++) deep = [deep];
          const cycle = {};
          cycle.self = cycle;
          const out = [];
          for (const params of [deep, cycle, { cadence: 10n }, { cadence: "9".repeat(100000) }]) {
            out.push(await window.wandelgids.calculate("breathing", params));
          }
          out.push(await window.wandelgids.calculate("breathing", { cadence: 110 }));
          return out;
        }"""
    )
    assert [answer["errors"][0]["message"] for answer in answers[:4]] == [LIMITS["refusal"]] * 4
    assert answers[4] == NORMAL_RESULT
    assert page.locator("[data-calculator='progression']").get_attribute("data-state") == "live"
    assert page.recorder.errors == []
