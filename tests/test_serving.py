"""Production serving: the repository's nginx configuration and the CDN `_headers` file,
tested as visitors get the site (real nginx, real headers, real Chromium)."""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import calculators
import pytest
from conftest import ROOT
from test_site_browser import PAGES

from serving import cdn, policy
from serving.inline_code import InlineCodeError, inline_script_hashes

SECURITY = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy")
ISOLATION = {
    "Strict-Transport-Security": "max-age=31536000",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Permitted-Cross-Domain-Policies": "none",
}
CSP_REQUIRED = (
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)


def request(url: str, path: str, method: str = "GET", headers: dict | None = None):
    """One request with the path exactly as given (no client-side normalising)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read() if method != "HEAD" else b""
        return response.status, response.headers, body
    finally:
        connection.close()


def raw_request(url: str, line: bytes) -> tuple[int, bytes]:
    """A request line sent byte for byte, for what http.client refuses to send."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


def pyodide_dir(site: Path) -> Path:
    (folder,) = (site / "assets" / "pyodide").iterdir()
    return folder


# Only a page uses these; a file under /assets/ goes without them (policy.py).
PAGE_ONLY = ("Permissions-Policy", "Cross-Origin-Opener-Policy")


def assert_security_headers(headers, kind: str = "page") -> None:
    """`kind`: "page"; "asset", a file under /assets/, with a policy that lets nothing load or
    run should it be opened on its own; "worker", a worker's script under /assets/, with the
    pages' policy (its worker runs under it). Neither of these has what only a page uses."""
    csp = headers["Content-Security-Policy"]
    if kind == "asset":
        assert csp == policy.ASSET_CSP
    else:
        for directive in CSP_REQUIRED:
            assert directive in csp, directive
        script_src = re.search(r"script-src ([^;]+)", csp)[1].split()
        assert script_src[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source) for source in script_src[2:]), script_src
        assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    if kind == "page":
        assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    else:
        assert not set(PAGE_ONLY) & set(headers), headers
    for name, value in ISOLATION.items():
        if kind == "page" or name not in PAGE_ONLY:
            assert headers[name] == value, name


# ---- headers --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", *PAGES[1:], "sitemap.xml", "search/search_index.json"])
def test_every_page_has_the_security_headers_and_revalidates(nginx_url, path):
    status, headers, body = request(nginx_url, "/" + path, headers={"Accept-Encoding": "br, gzip"})
    assert status == 200
    assert_security_headers(headers)
    assert headers["Cache-Control"] == "no-cache"
    assert headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in headers["Vary"]


def test_csp_allows_exactly_the_inline_scripts_of_the_pages(site, nginx_url):
    hashes = inline_script_hashes(site)
    # Material's scope script (one per folder depth), palette script and anchor script.
    assert len(hashes) >= 3
    _, headers, _ = request(nginx_url, "/")
    listed = re.findall(r"'(sha256-[^']+)'", headers["Content-Security-Policy"])
    assert sorted(listed) == hashes


def test_an_unhashable_inline_script_stops_the_build(tmp_path):
    page = tmp_path / "site" / "extra" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><body>\n<p>tekst</p>\n<button onclick="go()">Ga</button>\n<p style="color:red">x</p></body></html>')
    with pytest.raises(InlineCodeError) as error:
        inline_script_hashes(tmp_path / "site")
    message = str(error.value)
    assert "site/extra/index.html:3: attribuut onclick" in message
    assert "site/extra/index.html:4: attribuut style" in message
    assert "Oplossing:" in message
    # And the build command reports it instead of a traceback.
    result = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "serving", "finish", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0
    assert "onclick" in result.stderr and "Traceback" not in result.stderr


def test_unknown_paths_get_the_dutch_404_page(nginx_url):
    for path in ("/bestaat-niet/", "/assets/pyodide/000000000000/pyodide.mjs", "/opbouwen/extra.html"):
        status, headers, body = request(nginx_url, path)
        assert status == 404, path
        # A file asked for under /assets/ is code's request, not a visitor's: a file's headers.
        assert_security_headers(headers, "asset" if path.startswith("/assets/") else "page")
        text = body.decode()
        assert '<html lang="nl"' in text and "niet gevonden" in text.lower()


def test_wasm_comes_brotli_compressed_as_application_wasm_and_immutable(site, nginx_url):
    folder = pyodide_dir(site)
    path = f"/assets/pyodide/{folder.name}/pyodide.asm.wasm"
    status, headers, body = request(nginx_url, path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Content-Encoding"] == "br"
    assert headers["Cache-Control"] == policy.IMMUTABLE
    assert body == (folder / "pyodide.asm.wasm.br").read_bytes()
    # Without brotli, gzip; without either, the plain file.
    _, headers, _ = request(nginx_url, path, "HEAD", headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    _, headers, body = request(nginx_url, path)
    assert "Content-Encoding" not in headers and body == (folder / "pyodide.asm.wasm").read_bytes()


def test_types_and_caching_of_assets(site, nginx_url):
    folder = pyodide_dir(site).name
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    wheel = next(pyodide_dir(site).glob("*.whl")).name
    expected = {
        f"/assets/pyodide/{folder}/pyodide.mjs": ("text/javascript", policy.IMMUTABLE),
        f"/assets/pyodide/{folder}/pyodide-lock.json": ("application/json", policy.IMMUTABLE),
        f"/assets/pyodide/{folder}/python_stdlib_used.zip": ("application/zip", policy.IMMUTABLE),
        f"/assets/pyodide/{folder}/{wheel}": ("application/zip", policy.IMMUTABLE),
        f"/assets/javascripts/{bundle}": ("text/javascript", policy.IMMUTABLE),
        f"/assets/stylesheets/{css}": ("text/css", policy.IMMUTABLE),
        "/assets/javascripts/calculators.js": ("text/javascript", "no-cache"),
        # The bridge's modules revalidate (their names carry no hash); the worker's copy
        # of the protocol lives in the hashed folder with the worker.
        "/assets/javascripts/protocol.js": ("text/javascript", "no-cache"),
        "/assets/javascripts/calculators/controller.js": ("text/javascript", "no-cache"),
        "/assets/javascripts/calculators/actions/calendar.js": ("text/javascript", "no-cache"),
        f"/assets/pyodide/{folder}/calculator-worker.js": ("text/javascript", policy.IMMUTABLE),
        f"/assets/pyodide/{folder}/protocol.js": ("text/javascript", policy.IMMUTABLE),
        "/assets/stylesheets/wandelgids.css": ("text/css", "no-cache"),
        "/assets/favicon.svg": ("image/svg+xml", "no-cache"),
    }
    for path, (kind, cache) in expected.items():
        status, headers, _ = request(nginx_url, path, "HEAD")
        assert status == 200, path
        assert headers["Content-Type"].split(";")[0] == kind, path
        assert headers["Cache-Control"] == cache, path
        assert_security_headers(headers, "worker" if path.endswith("/calculator-worker.js") else "asset")


def test_every_compressible_file_has_br_and_gz_beside_it(site):
    import gzip

    import brotli
    from serving.precompress import candidates

    decompress = {".br": brotli.decompress, ".gz": gzip.decompress}
    written = 0
    for path in candidates(site):
        data = path.read_bytes()
        for suffix, expand in decompress.items():
            beside = path.with_name(path.name + suffix)
            if beside.is_file():
                assert expand(beside.read_bytes()) == data, beside
                written += 1
            else:  # only where a copy would not pay: a deflated zip or wheel, a tiny file
                assert path.suffix in {".zip", ".whl"} or len(data) < 2048, beside
    assert written >= 100
    assert (pyodide_dir(site) / "pyodide.asm.wasm.br").is_file()


UNKNOWN = (
    "/bestaat-niet/", "/bestaat-niet.js", "/admin/bestaat-niet", "/admin/decap/bestaat-niet.js", "/administratie",
    "/assets/pyodide/000000000000/pyodide.mjs", "/assets/javascripts/bundle.00000000.min.js", "/opbouwen/extra.html",
)  # fmt: skip


def test_cdn_headers_file_is_a_handful_of_patterns(site):
    text = (site / "_headers").read_text()
    rules = cdn.parse_rules(text)
    assert len(rules) <= 20, [pattern for pattern, _, _ in rules]
    assert rules[0][0] == "/*" and set(rules[0][2]) == {*SECURITY, *ISOLATION, "Cache-Control"}
    folder = f"/assets/pyodide/{pyodide_dir(site).name}/"
    assert [pattern for pattern, _, _ in rules[1:6]] == [
        "/admin/*", "/assets/*", "/assets/javascripts/workers/*", folder + "*", folder + "calculator-worker.js"
    ]  # fmt: skip
    assert max(map(len, text.splitlines())) <= cdn.MAX_LINE


def test_cdn_headers_file_says_what_nginx_sends_on_every_path(site, nginx_url):
    """Every file and folder of the site and unknown paths (404s) alike: the headers Cloudflare
    Pages attaches from _headers are the ones nginx sends."""
    text = (site / "_headers").read_text()
    names = {*SECURITY, *ISOLATION, "Cache-Control"}
    paths = [*cdn.url_paths(site), *UNKNOWN]
    assert len(paths) > 150
    for path in paths:
        status, sent, _ = request(nginx_url, path, "HEAD")
        assert status == (404 if path in UNKNOWN else 200), path
        expected = cdn.applied_headers(text, path)
        assert set(expected) == (names - set(PAGE_ONLY) if path.startswith("/assets/") else names), path
        assert {name: sent[name] for name in names if name in sent} == expected, path


def test_the_headers_file_and_precompressed_copies_are_not_served_by_name(site, nginx_url):
    assert (site / "_headers").is_file() and (site / "index.html.br").is_file() and (site / "index.html.gz").is_file()
    for path in ("/_headers", "/index.html.br", "/index.html.gz", "/search/search_index.json.br", "/404.html.gz"):
        status, headers, body = request(nginx_url, path, headers={"Accept-Encoding": "br, gzip"})
        assert status == 404, path
        assert_security_headers(headers)
    # The copies still travel in place of their file.
    _, headers, _ = request(nginx_url, "/", "HEAD", headers={"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"


def test_a_headers_file_beyond_what_cloudflare_applies_stops_the_build():
    from serving.policy import HeaderRule

    many = [HeaderRule("x", "/*", {"X-A": "1"}), *(HeaderRule("x", f"/p{i}", {"X-A": "2"}) for i in range(100))]
    with pytest.raises(cdn.HeadersError, match="101 regels.*hooguit 100"):
        cdn.render(many)
    with pytest.raises(cdn.HeadersError, match=r"_headers:\d+: de regel is 2\d{3} tekens"):
        cdn.render([HeaderRule("x", "/*", {"Content-Security-Policy": "script-src " + "'sha256-x' " * 200})])


def test_the_web_editor_has_its_own_policy_and_the_pages_keep_theirs(site, nginx_url):
    from serving.facts import editor_backend

    admin = policy.admin_csp(editor_backend(site))
    assert "https://api.github.com" in admin  # the shipped backend is GitHub
    for path in ("/admin/", "/admin/config.json", "/admin/admin.js", "/admin/bestaat-niet"):
        _, headers, _ = request(nginx_url, path, "HEAD")
        assert headers["Content-Security-Policy"] == admin, path
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups", path
        assert headers["Cache-Control"] == "no-cache"
    rules = cdn.parse((site / "_headers").read_text())
    assert rules["/admin/*"]["Content-Security-Policy"] == admin
    # Nothing outside /admin/ gets the editor's looser policy.
    loose = [path for path, headers in rules.items() if "'unsafe-" in headers.get("Content-Security-Policy", "")]
    assert loose == ["/admin/*"]
    for path in ("/administratie", "/admin", "/bestaat-niet/admin/"):
        _, headers, _ = request(nginx_url, path, "HEAD")
        assert "'unsafe-" not in headers["Content-Security-Policy"], path
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", path


@pytest.mark.parametrize(
    ("backend", "connect", "img"),
    [
        (None, [], []),
        ({"name": "github", "repo": "a/b", "base_url": "https://oauth.rugcentrum.example"},
         ["https://api.github.com", "https://oauth.rugcentrum.example"], ["https://avatars.githubusercontent.com"]),
        ({"name": "github", "repo": "a/b", "api_root": "https://git.example/api/v3"}, ["https://git.example"], None),
        ({"name": "gitlab", "repo": "a/b"}, ["https://gitlab.com"], None),
        ({"name": "gitlab", "repo": "a/b", "api_root": "https://git.kliniek.example/api/v4", "base_url": "https://git.kliniek.example"},
         ["https://git.kliniek.example"], ["https://git.kliniek.example"]),
        ({"name": "gitea", "repo": "a/b", "api_root": "https://gitea.example:3000/api/v1", "base_url": "https://gitea.example:3000"},
         ["https://gitea.example:3000"], ["https://gitea.example:3000"]),
    ],
)  # fmt: skip
def test_the_editor_policy_follows_the_backend(backend, connect, img):
    csp = dict(directive.split(" ", 1) for directive in policy.admin_csp(backend).split("; "))
    assert csp["connect-src"].split() == ["'self'", "blob:", *connect]
    if img is not None:
        assert csp["img-src"].split()[3:] == img
    assert csp["script-src"] == "'self' 'unsafe-eval'" and csp["frame-ancestors"] == "'none'"


@pytest.mark.parametrize(
    ("backend", "message"),
    [
        ({"name": "bitbucket", "repo": "a/b"}, "kent de site niet"),
        ({"name": "gitea", "repo": "a/b"}, "mist api_root"),
        ({"name": "gitlab", "repo": "a/b", "api_root": "http://git.example/api/v4"}, "geen https"),
    ],
)
def test_an_unusable_backend_gets_a_dutch_message(backend, message):
    with pytest.raises(policy.PolicyError, match=message) as error:
        policy.admin_csp(backend)
    assert "mkdocs.yml: extra.editor.backend" in str(error.value) and "Oplossing:" in str(error.value)


OAUTH_POPUP = """
() => new Promise((resolve) => {
  window.addEventListener("message", (event) => resolve(event.data), { once: true });
  window.__popup = window.open("https://oauth.git-host.test/auth", "oauth", "width=400,height=400");
  setTimeout(() => resolve("no message"), 10000);
})
"""


def test_the_web_editor_loads_under_the_real_headers(watched, nginx_url):
    watched.goto(nginx_url + "admin/")
    watched.wait_for_function("document.body.innerText.length > 20", timeout=30000)
    assert watched.evaluate("window.__cspViolations") == []
    assert watched.recorder.foreign(nginx_url) == []
    # The git host's OAuth login (Decap opens it in a popup that posts the token back to
    # its opener) still reaches the editor under /admin/'s Cross-Origin-Opener-Policy.
    watched.context.route(
        "https://oauth.git-host.test/**",
        lambda route: route.fulfill(content_type="text/html", body="<script>window.opener.postMessage('authorizing:github', '*')</script>"),
    )
    assert watched.evaluate(OAUTH_POPUP) == "authorizing:github"


# ---- bad requests ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        b"GET /../../../../etc/passwd HTTP/1.1",
        b"GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
        b"GET /assets/..%2f..%2f..%2f..%2fetc/passwd HTTP/1.1",
        b"GET /assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd HTTP/1.1",
        b"GET /..%252f..%252f..%252fetc/passwd HTTP/1.1",
        b"GET /..\\..\\..\\etc\\passwd HTTP/1.1",
        b"GET /" + b"a" * 10_000 + b" HTTP/1.1",
        b"GET /?" + b"q" * 10_000 + b" HTTP/1.1",
        b"TRACE / HTTP/1.1",
        b"PUT /index.html HTTP/1.1",
        b"DELETE /index.html HTTP/1.1",
        b"POST / HTTP/1.1",
        b"OPTIONS / HTTP/1.1",
        b"PATCH / HTTP/1.1",
        b"PROPFIND / HTTP/1.1",
        b"CONNECT 127.0.0.1:22 HTTP/1.1",
        b"FOO / HTTP/1.1",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    ],
)
def test_bad_requests_get_4xx_and_nothing_outside_the_site(nginx_url, line):
    status, data = raw_request(nginx_url, line)
    assert 400 <= status < 500, (line[:60], status)
    assert b"root:" not in data


# ---- URLs follow content -----------------------------------------------------------


def _pyodide_urls(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (site / "assets" / "pyodide").rglob("*")
        if path.is_file()
    }


def test_changing_a_calculator_changes_every_url_it_affects(tmp_path):
    """Build twice, the second time with a changed calculator: no URL under
    assets/pyodide/ may keep its name with different content."""
    copy = tmp_path / "project"
    for name in ("calculators", "scripts", "overrides", "docs", "serving", "wandelgids", "editor"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "pyproject.toml", "uv.lock", "README.md", ".python-version"):
        shutil.copy2(ROOT / name, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copytree(ROOT / "build" / "pyodide", copy / "build" / "pyodide")
    python, mkdocs = str(ROOT / ".venv/bin/python"), str(ROOT / ".venv/bin/mkdocs")

    def build(site: Path) -> None:
        subprocess.run([python, "scripts/build_pyodide.py"], cwd=copy, check=True, capture_output=True)
        subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(site)], cwd=copy, check=True, capture_output=True)

    build(tmp_path / "before")
    breathing = copy / "calculators" / "breathing.py"
    breathing.write_text(breathing.read_text() + "\n# A change to the rules, same package version.\n")
    build(tmp_path / "after")

    before, after = _pyodide_urls(tmp_path / "before"), _pyodide_urls(tmp_path / "after")
    assert before != after
    changed = [url for url in before.keys() & after.keys() if before[url] != after[url]]
    assert changed == []
    # The pages point at the new folder.
    meta = re.compile(r'name="wandelgids-pyodide" content="([^"]+)"')
    old = meta.search((tmp_path / "before" / "opbouwen" / "index.html").read_text())[1]
    new = meta.search((tmp_path / "after" / "opbouwen" / "index.html").read_text())[1]
    assert old != new
    assert any(url.startswith("assets/pyodide/" + new.rsplit("/", 2)[-2]) for url in after)


# ---- in Chromium, under the real headers ---------------------------------------------

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH_CSP)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    return page


def assert_clean(page) -> None:
    assert page.evaluate("window.__cspViolations") == []
    assert page.console_errors == []
    assert page.recorder.errors == []


def test_every_page_renders_under_the_real_headers(watched, nginx_url):
    for path in PAGES:
        response = watched.goto(nginx_url + path)
        assert response.status == 200
        assert watched.locator("h1").count() == 1
        # Material's own script ran (the palette script sets the scheme on <body>).
        assert watched.locator("body").get_attribute("data-md-color-scheme") in {"default", "slate"}
        assert_clean(watched)
    assert watched.recorder.foreign(nginx_url) == []


def test_search_and_palette_work_under_the_real_headers(watched, nginx_url):
    watched.goto(nginx_url)
    search = watched.locator("input.md-search__input")
    search.click()
    search.press_sequentially("hernia", delay=40)
    watched.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    watched.keyboard.press("Escape")
    before = watched.locator("body").get_attribute("data-md-color-scheme")
    watched.locator("form[data-md-component=palette] label:visible").first.click()
    after = watched.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    assert_clean(watched)


@pytest.mark.parametrize("path", ["opbouwen/", "dagschema/", "rekenhulpen/"])
def test_every_calculator_comes_alive_under_the_real_headers(watched, nginx_url, path):
    watched.goto(nginx_url + path)
    assert watched.evaluate("wandelgids.ready.then(() => 'ready', (error) => String(error))") == "ready"
    widgets = watched.locator("[data-calculator]")
    assert widgets.count() >= 1
    for index in range(widgets.count()):
        widget = widgets.nth(index)
        name = widget.get_attribute("data-calculator")
        result = watched.evaluate("(name) => wandelgids.calculate(name, {})", name)
        assert result == json.loads(json.dumps(calculators.calculate(name, {})))
        widget.wait_for(state="attached")
        assert widget.get_attribute("data-state") == "live"
    assert_clean(watched)
    assert watched.recorder.foreign(nginx_url) == []


MALFORMED = """
async (workerUrl) => {
  const worker = new Worker(workerUrl, { type: "module" });
  const answers = {};
  const ready = new Promise((resolve, reject) => {
    worker.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "ready") resolve();
      if (message.type === "failed") reject(new Error(message.message));
      if (message.type === "result") answers[message.id] = message.result;
    });
    worker.addEventListener("error", (event) => reject(new Error(event.message)));
  });
  const send = (message) => worker.postMessage(typeof message === "string" ? message : JSON.stringify(message));
  send({ type: "start" }); // as the page does once it is shown
  send({ type: "calculate", id: 1, request: '{"name":"breathing","params":{}}' }); // before ready
  await ready;
  const big = JSON.stringify({ name: "breathing", params: { cadence: "9".repeat(5 * 1024 * 1024) } });
  send("dit is geen JSON {");
  send("[1, 2, 3]");
  send(JSON.stringify(null));
  send({ type: "calculate", id: "drie", request: "{}" });
  send({ type: "calculate", id: 2, request: "{niet: json" });
  send({ type: "calculate", id: 3, request: "[1, 2]" });
  send({ type: "onbekend", id: 4 });
  send({ type: "calculate", id: 5, request: '{"name":"bestaat-niet","params":{}}' });
  send({ type: "calculate", id: 6, request: big });
  send({ type: "calculate", id: 7, request: '{"name":"breathing","params":"geen object"}' });
  send({ type: "calculate", id: 8 });
  send({ type: "load", indexURL: 42 });
  send({ type: "ready" });
  send({ type: "calculate", id: 9, request: '{"name":"breathing","params":{"cadence":110}}' });
  const deadline = Date.now() + 60000;
  while (Object.keys(answers).length < 9 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  worker.terminate();
  return answers;
}
"""


def test_the_worker_survives_malformed_messages(watched, nginx_url):
    watched.goto(nginx_url + "opbouwen/")
    worker_url = watched.evaluate(
        "new URL('calculator-worker.js', new URL(document.querySelector('meta[name=wandelgids-pyodide]').content, document.baseURI)).href"
    )
    answers = watched.evaluate(MALFORMED, worker_url)
    assert sorted(answers, key=int) == [str(i) for i in range(1, 10)]
    for key in map(str, range(1, 9)):
        result = answers[key]
        assert result["ok"] is False, key
        assert result["errors"] and all(error["message"] for error in result["errors"]), key
    assert "nog niet geladen" in answers["1"]["errors"][0]["message"]
    assert "onleesbaar" in answers["2"]["errors"][0]["message"]
    assert "onleesbaar" in answers["3"]["errors"][0]["message"]
    assert "Onbekend soort bericht" in answers["4"]["errors"][0]["message"]
    assert answers["5"] == calculators.calculate("bestaat-niet", {})
    # 5 MB: over the request limit, refused before Python sees it, as CPython refuses it.
    assert answers["6"] == json.loads(calculators.calculate_json(json.dumps({"name": "breathing", "params": {"cadence": "9" * 5 * 1024 * 1024}})))
    assert "groter dan 64 KB" in answers["6"]["errors"][0]["message"]
    assert answers["7"] == calculators.calculate("breathing", "geen object")
    # The next valid request still gets the right answer.
    assert answers["9"] == json.loads(json.dumps(calculators.calculate("breathing", {"cadence": 110})))
    assert_clean(watched)
