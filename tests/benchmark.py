"""Benchmark: how long the reader takes to build, and how much of that is the reader's own code.

A plain script, not a test: it prints figures and asserts nothing about speed.

    .venv/bin/python tests/benchmark.py                  # 500 and 2,000 pages x 500 terms, then the real site
    .venv/bin/python tests/benchmark.py --quick          # 50 and 200 pages: a smoke run
    .venv/bin/python tests/benchmark.py --pages 500 2000 --terms 500 --runs 3

1. Synthetic sites (generated from a fixed seed in a temporary folder, never in
   docs/): N pages of 800-1,200 words using M generated glossary terms, with a
   config that INHERITs mkdocs.yml. Each is built once, online flavour, in a child
   process (tests/bench/instrument.py) that times the reader's code from outside.
   The online build also builds the offline copy in a child process and zips it
   (hooks/offline_copy.py): for synthetic sites that nested build is stubbed (an
   empty zip) unless --with-zip is given, which about doubles their time. Where
   it runs, the "zip step" is timed on its own row and left out of "build
   without the zip step" and of the reader's time.
2. The real site (mkdocs.yml), built --runs times each (median shown): with the
   reader's hooks on, and off (a temporary config that INHERITs mkdocs.yml with
   ``hooks: []`` and a nav without the generated pages; the pages' ``<!-- rr:... -->``
   markers stay as HTML comments), in both flavours.

Times are in seconds; "build" is load_config + build in one process, as in
``mkdocs build`` (interpreter start-up and imports are left out).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent / "bench"
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402  (tests/bench/synthetic.py)

LINKING = "TermLinkTreeprocessor.run"
MATCHER = "TermMatcher.find"
ZIP_FOLDER = "rupture_repair.archive.zip_folder"


# ----- Running one build --------------------------------------------------------


class BuildFailed(Exception):
    """A build that did not finish; the message holds the end of its log."""


def run_build(work: Path, config: Path, *, offline: bool, name: str, strict: bool = True,
              stub_zip: bool = False) -> dict[str, Any]:
    """Build ``config`` in a child process (no hook state shared); return its figures."""
    site = work / f"site-{name}"
    spec = work / f"spec-{name}.json"
    out = work / f"out-{name}.json"
    spec.write_text(json.dumps({"config": str(config), "site_dir": str(site), "offline": offline,
                                "strict": strict, "stub_zip": stub_zip, "out": str(out)}), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, str(BENCH / "instrument.py"), str(spec)],
                            cwd=config.parent, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not out.is_file():
        lines = (result.stderr or result.stdout).strip().splitlines()
        first = next((line for line in lines if line.startswith(("WARNING", "ERROR"))), lines[-1] if lines else "")
        raise BuildFailed(f"the build of {config} ({name}) failed; first problem:\n    {first[:300]}")
    figures = json.loads(out.read_text(encoding="utf-8"))
    shutil.rmtree(site, ignore_errors=True)
    return summarise(figures)


def summarise(figures: dict[str, Any]) -> dict[str, Any]:
    """Group the child's per-function figures into the rows of the tables."""
    stats = figures["stats"]

    def total(pick) -> float:
        return sum(s["s"] for label, s in stats.items() if pick(label, s))

    zip_step = total(lambda label, s: s["group"] == "zip")
    zip_folder = total(lambda label, s: label == ZIP_FOLDER)
    hooks = {}
    for path in figures["hooks"].values():
        hooks[path] = total(lambda label, s, path=path: s["group"] == f"hook:{path}")
        if path.endswith("offline_copy.py"):
            hooks[path] -= zip_step
    return {
        "total": figures["total_s"],
        "zip": zip_step,
        "no_zip": figures["total_s"] - zip_step,
        "reader": figures["reader_s"] - zip_step,
        "rr": figures["rr_s"] - zip_folder,
        "hooks": hooks,
        "markdown": total(lambda label, s: s["group"] == "markdown"),
        "linking": total(lambda label, s: label.endswith(LINKING)),
        "linking_calls": sum(s["calls"] for label, s in stats.items() if label.endswith(LINKING)),
        "matcher": total(lambda label, s: label.endswith(MATCHER)),
        "matcher_calls": sum(s["calls"] for label, s in stats.items() if label.endswith(MATCHER)),
        "linking_gc": sum(s["gc_s"] for label, s in stats.items()
                          if label.endswith(LINKING)),
        "gc": figures["gc_s"],
        "cpu": figures["cpu_build_s"],
        "stats": stats,
        "gc2": figures["gc_collections"][2],
        "html_pages": figures["html_pages"],
        "html_kb_per_page": figures["html_bytes"] / 1024 / max(1, figures["html_pages"]),
    }


# ----- Configs ------------------------------------------------------------------


def real_nav_and_generated() -> tuple[list[Any], list[tuple[str, str]]]:
    """The real nav without pages the hooks generate, and those pages as (title, file)."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as fd:
        nav = yaml_load(fd, loader=get_yaml_loader(config=MkDocsConfig()))["nav"]
    generated: list[tuple[str, str]] = []

    def keep(items: list[Any]) -> list[Any]:
        kept = []
        for item in items:
            if isinstance(item, dict):
                (title, value), = item.items()
            else:
                title, value = None, item
            if isinstance(value, list):
                inner = keep(value)
                if inner:
                    kept.append({title: inner})
            elif isinstance(value, str) and not (ROOT / "docs" / value).is_file() and "://" not in value:
                generated.append((title or value, value))
            else:
                kept.append(item)
        return kept

    return keep(nav), generated


def write_off_config(work: Path, nav: list[Any]) -> Path:
    """The real site with the reader's hooks (and so its extensions) off, and no generated pages."""
    import yaml

    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "hooks": [],
        # Set by hooks/help_link.py when it runs; the header and footer templates link to it.
        "extra": {"help_url": "help/"},
        "nav": nav,
    }
    path = work / "off" / "mkdocs.yml"
    path.parent.mkdir()
    path.write_text("# The real site, reader's hooks off (benchmark).\n" + yaml.safe_dump(config, sort_keys=False),
                    encoding="utf-8")
    return path


# ----- Printing -------------------------------------------------------------------


def fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.3f}"


def ratio(a: float | None, b: float | None) -> str:
    """a/b, or "-" when either is missing or both are too small (under 10 ms) to compare."""
    return "-" if not a or not b or max(a, b) < 0.01 else f"{a / b:.2f}x"


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    line = "  ".join(h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(header))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)))


def synthetic_table(results: dict[tuple[int, int], dict[str, Any]], pages: list[int], terms: list[int],
                    stub_zip: bool) -> None:
    sites = [(n, m) for m in terms for n in pages if (n, m) in results]
    header = ["synthetic site (online flavour, 1 build each)"] + [f"{n}p x {m}t" for n, m in sites]
    ratio_cols = [(max(pages), min(pages), m) for m in terms
                  if len(pages) > 1 and (max(pages), m) in results and (min(pages), m) in results]
    header += [f"{hi}/{lo}" + (f" ({m}t)" if len(terms) > 1 else "") for hi, lo, m in ratio_cols]
    hook_paths = list(next(iter(results.values()))["hooks"])

    def row(label: str, get, share: bool = False, digits: str | None = None) -> list[str]:
        cells = []
        for site in sites:
            value = get(results[site])
            text = format(value, digits) if digits else fmt(value)
            if share and value is not None:
                text += f" ({100 * value / results[site]['no_zip']:.0f}%)"
            cells.append(text)
        for hi, lo, m in ratio_cols:
            cells.append(ratio(get(results[(hi, m)]), get(results[(lo, m)])))
        return [label, *cells]

    zip_label = "  zip step: STUBBED (empty zip, no nested build)" if stub_zip else \
        "  zip step: nested OFFLINE build + zip"
    rows = [
        row("mkdocs build, whole", lambda r: r["total"]),
        row(zip_label, lambda r: r["zip"]),
        row("build without the zip step  [= 100%]", lambda r: r["no_zip"]),
        row("reader's code: hooks + rupture_repair", lambda r: r["reader"], share=True),
    ]
    for path in hook_paths:
        note = " (excl. zip step)" if path.endswith("offline_copy.py") else ""
        rows.append(row(f"  {path}{note}", lambda r, p=path: r["hooks"][p]))
    rows += [
        row("  rupture_repair Markdown extensions", lambda r: r["markdown"]),
        row(f"    term linking ({LINKING})", lambda r: r["linking"], share=True),
        row(f"      of which matcher ({MATCHER})", lambda r: r["matcher"]),
        row("      of which Python GC pauses", lambda r: r["linking_gc"]),
        row("rupture_repair overall (in hooks + Markdown)", lambda r: r["rr"], share=True),
        row("term linking, ms per page", lambda r: 1000 * r["linking"] / max(1, r["linking_calls"])),
        row("term linking less GC pauses, ms per page",
            lambda r: 1000 * (r["linking"] - r["linking_gc"]) / max(1, r["linking_calls"])),
        row("Python GC pauses, whole build", lambda r: r["gc"], share=True),
        row("CPU seconds of the build process (less load-prone)", lambda r: r["cpu"]),
        row("HTML pages built", lambda r: r["html_pages"], digits="d"),
        row("HTML KiB per page (the nav is on every page)", lambda r: r["html_kb_per_page"], digits=".0f"),
    ]
    table("1. Synthetic sites: seconds (share of the build without the zip step)", header, rows)
    if ratio_cols:
        top_entry_points(results, *ratio_cols[0])


def top_entry_points(results: dict[tuple[int, int], dict[str, Any]], hi: int, lo: int, m: int, count: int = 10) -> None:
    """The reader's costliest timed functions in the largest site, beside the smallest: where it does not scale."""
    big, small = results[(hi, m)]["stats"], results[(lo, m)]["stats"]
    labels = sorted((label for label, s in big.items() if s["group"] != "zip"), key=lambda label: -big[label]["s"])
    rows = []
    for label in labels[:count]:
        before = small.get(label, {}).get("s")
        short = label.replace("rupture_repair.", "rr.")
        rows.append([short, str(big[label]["calls"]), fmt(before), fmt(big[label]["s"]), ratio(big[label]["s"], before)])
    table(f"1b. The reader's costliest timed functions (inclusive, so rows overlap), {m} terms",
          ["function", f"calls at {hi}p", f"{lo}p", f"{hi}p", f"{hi}/{lo}"], rows)


def real_table(runs: dict[str, list[dict[str, Any]]], count: int, failed: dict[str, str]) -> None:
    def med(key: str, field: str) -> float | None:
        values = [r[field] for r in runs.get(key, [])]
        return statistics.median(values) if values else None

    def cell(key: str, field: str) -> str:
        if key in failed:
            return "failed"
        value = med(key, field)
        return str(int(value)) if field == "html_pages" and value is not None else fmt(value)

    def share(key: str, base: str) -> str:
        reader, whole = med(key, "reader"), med(key, base)
        return f"{fmt(reader)} ({100 * reader / whole:.0f}%)" if reader and whole else "-"

    header = [f"2. Real site, median of {count} builds", "reader on", "reader off", "on/off", "reader's code (on)"]
    rows = [
        ["online, whole build", cell("online-on", "total"), cell("online-off", "total"), "", ""],
        ["  zip step: nested OFFLINE build + zip", cell("online-on", "zip"), "-", "", ""],
        ["online, without the zip step  [like with like]", cell("online-on", "no_zip"), cell("online-off", "total"),
         ratio(med("online-on", "no_zip"), med("online-off", "total")), share("online-on", "no_zip")],
        ["offline flavour (OFFLINE=true)", cell("offline-on", "total"), cell("offline-off", "total"),
         ratio(med("offline-on", "total"), med("offline-off", "total")), share("offline-on", "total")],
        ["HTML pages built", cell("online-on", "html_pages"), cell("online-off", "html_pages"), "", ""],
    ]
    table("", header, rows)


# ----- Main -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 2000], help="synthetic site sizes (pages)")
    parser.add_argument("--terms", type=int, nargs="+", default=[500], help="synthetic glossary sizes (terms)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 50 and 200 pages")
    parser.add_argument("--runs", type=int, default=3, help="builds of the real site per variant (median shown)")
    parser.add_argument("--with-zip", action="store_true",
                        help="synthetic sites: keep the nested offline build (about doubles their time)")
    parser.add_argument("--no-real", action="store_true", help="skip the real site")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    pages = [50, 200] if args.quick else sorted(set(args.pages))
    terms = sorted(set(args.terms))
    stub_zip = not args.with_zip

    started = time.perf_counter()
    print("Rupture & Repair build benchmark")
    print(f"date {dt.datetime.now().astimezone().isoformat(timespec='seconds')}; "
          f"Python {platform.python_version()} ({sys.executable}); CPUs {os.cpu_count()}; "
          f"{platform.system()} {platform.machine()}")
    print(f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other work on the machine"
          " slows every figure; shares and ratios suffer less)")
    print(f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
          f"Markdown {version('Markdown')}, pymdown-extensions {version('pymdown-extensions')}")

    real_nav, generated = real_nav_and_generated()
    work = Path(tempfile.mkdtemp(prefix="rr-bench-"))
    problems: list[str] = []
    try:
        results: dict[tuple[int, int], dict[str, Any]] = {}
        for m in terms:
            for n in pages:
                project = work / f"synthetic-{n}p-{m}t"
                t0 = time.perf_counter()
                synthetic.make_site(project, ROOT, n, m, generated=generated)
                made = time.perf_counter() - t0
                print(f"  building {n} pages x {m} terms ... ", end="", flush=True, file=sys.stderr)
                try:
                    results[(n, m)] = run_build(work, project / "mkdocs.yml", offline=False, name=f"{n}-{m}",
                                                stub_zip=stub_zip)
                    print(f"{results[(n, m)]['total']:.1f} s (site generated in {made:.1f} s)", file=sys.stderr)
                except BuildFailed as failure:
                    print("failed", file=sys.stderr)
                    problems.append(str(failure))
                if not args.keep:
                    shutil.rmtree(project, ignore_errors=True)
        if results:
            synthetic_table(results, pages, terms, stub_zip)
            if stub_zip:
                print("   The synthetic sites' nested offline build is stubbed (--with-zip keeps it); the real site's"
                      "\n   is not, below. Their config INHERITs mkdocs.yml; nav: generated pages + 50 pages a section.")

        if not args.no_real:
            off_config = write_off_config(work, real_nav)
            variants = {
                "online-on": (ROOT / "mkdocs.yml", False, True),
                "online-off": (off_config, False, False),
                "offline-on": (ROOT / "mkdocs.yml", True, True),
                "offline-off": (off_config, True, False),
            }
            runs: dict[str, list[dict[str, Any]]] = {key: [] for key in variants}
            failed: dict[str, str] = {}
            for attempt in range(args.runs):  # interleaved, so drift hits every variant alike
                for key, (config, offline, strict) in variants.items():
                    if key in failed:
                        continue
                    try:
                        runs[key].append(run_build(work, config, offline=offline, name=f"{key}-{attempt}",
                                                   strict=strict))
                    except BuildFailed as failure:
                        failed[key] = str(failure)
                        problems.append(str(failure))
                print(f"  real site: round {attempt + 1} of {args.runs} done", file=sys.stderr)
            real_table(runs, args.runs, failed)
            print("   'reader off': a config INHERITing mkdocs.yml with hooks: [] (so none of the reader's Markdown"
                  "\n   extensions either), extra.help_url set by hand, not strict, nav without pages missing from"
                  f"\n   docs/ ({', '.join(p for _, p in generated) or 'none'}).")
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print("\nNotes: 'reader's code' is the inclusive time of every hook event, every rupture_repair function or"
          "\nclass a hook imports, and every rupture_repair Markdown processor, counted once (outermost call);"
          "\nit includes the Jinja/YAML work those call, not the import of the hook modules. The zip step"
          "\n(hooks/offline_copy.py builds the offline copy in a child process, then zips it) is shown apart."
          "\n'build' = load_config + build in one process (no interpreter start-up or imports).")
    for problem in problems:
        print(f"\nFAILED: {problem}")
    print(f"\nbenchmark wall time {time.perf_counter() - started:.0f} s; load average at end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
