"""The libraries, with versions, that the Decap CMS bundle shipped at /admin/ really contains.

package-lock.json names only `decap-cms`; its prebuilt bundle carries some 300 libraries of
its own, in versions the lock does not show. Decap builds with pnpm, so each module's path
in the bundle's source maps names its package and version
(`.pnpm/lodash@4.17.21/node_modules/lodash/...`). This reads the maps of exactly the files
the site ships (the plugin's DECAP_FILES) and prints one `name@version` a line.

    python scripts/decap_bundle.py            # the list
    python scripts/decap_bundle.py --check    # compare with scripts/decap-bundle-libraries.txt

The checked-in list is what a security review reads; the tests run --check, so a new
decap-cms version cannot ship until its list is reviewed and committed (README, security notes).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wandelgids.mkdocs_plugin import DECAP, DECAP_FILES  # noqa: E402  (the one list of shipped files)

LIST_FILE = ROOT / "scripts" / "decap-bundle-libraries.txt"
# `.pnpm/<name>@<version>/node_modules/<name>/`; scoped names are written `@scope+name` there.
PNPM_MODULE = re.compile(r"\.pnpm/((?:@[^@/+]+\+)?[^@/]+)@([0-9][^/_(]*)[^/]*/node_modules/")


def shipped_maps(decap_dir: Path) -> list[Path]:
    return sorted(decap_dir / f"{path.name}.map" for path in decap_dir.iterdir()
                  if DECAP_FILES.match(path.name) and path.suffix == ".js")


def embedded_libraries(decap_dir: Path = ROOT / DECAP) -> list[str]:
    found: set[str] = set()
    maps = shipped_maps(decap_dir)
    missing = [m.name for m in maps if not m.is_file()]
    if not maps or missing:
        raise SystemExit(f"Bronkaarten van Decap ontbreken in {decap_dir} ({', '.join(missing) or 'geen bestanden'}); "
                         "draai eerst 'make setup' (npm ci).")
    for source_map in maps:
        for source in json.loads(source_map.read_text(encoding="utf-8"))["sources"]:
            for name, version in PNPM_MODULE.findall(source):
                found.add(f"{name.replace('+', '/')}@{version}")
    return sorted(found)


def main(argv: list[str]) -> int:
    libraries = embedded_libraries()
    text = "\n".join(libraries) + "\n"
    if "--check" not in argv:
        sys.stdout.write(text)
        return 0
    if LIST_FILE.is_file() and LIST_FILE.read_text(encoding="utf-8") == text:
        print(f"De Decap-bundel bevat {len(libraries)} bibliotheken, zoals vastgelegd in {LIST_FILE.relative_to(ROOT)}.")
        return 0
    print(f"De Decap-bundel wijkt af van {LIST_FILE.relative_to(ROOT)}. Bekijk de verschillen, controleer ze op "
          f"bekende kwetsbaarheden en leg de nieuwe lijst vast: python scripts/decap_bundle.py > {LIST_FILE.relative_to(ROOT)}",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
