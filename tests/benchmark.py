"""Benchmark: how long the reader takes to build, and how much of that is the reader's own code.

A plain script, not a test: it prints figures and asserts nothing about speed.

    ./run bench                        # everything: about 9 minutes on 2 cores
    ./run bench --quick                # 50 and 200 pages, 1 build per variant, 1 Lighthouse run: a smoke run
    ./run bench --no-synthetic         # the real site, page weight, Lighthouse and the targets only
    ./run bench --pages 500 2000 --terms 500 --runs 3 --lighthouse-runs 5 --no-web

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
   markers stay as HTML comments), in both flavours. Two more online variants
   compare like with like: "on" with the build caches emptied first (a first
   build), and "off" with the pages the hooks generate (glossary, references,
   concept map, reading paths...) added as plain Markdown, as the hooks wrote it:
   the difference from plain "off" is the cost of that content, not of the code.
3. Page weight: the online site built with ``SITE_URL`` set to a local gzip server
   (tests/bench/weight.py) and three pages opened in Chromium, each in a fresh
   context: the bytes a first visit transfers, by kind.
4. Lighthouse (npm, pinned, run through ``npx --yes`` so that CI's ``npm ci`` stays
   lean) on the same three pages, mobile, --lighthouse-runs times (the median run; five by
   default: on a 2-core machine one page's score was seen to swing from 91 to 97 between runs).
5. The targets, met or missed.

Times are in seconds; "build" is load_config + build in one process, as in
``mkdocs build`` (interpreter start-up and imports are left out). A loaded machine
slows every figure: the load average is printed at the start and the end.
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
import weight  # noqa: E402  (tests/bench/weight.py)

LINKING = "TermLinkTreeprocessor.run"
MATCHER = "TermMatcher.find"
ZIP_FOLDER = "rupture_repair.archive.zip_folder"
# What the build keeps between runs (rupture_repair.cachefolder): formatted references (hooks/citations.py)
# and data that passed its schema (rupture_repair.schemacheck). Its JSON files are deleted for "cold" builds.
BUILD_CACHES = ROOT / ".cache" / "rupture-repair"

# Guards for each build's child process (a synthetic build once grew past 16 GB).
BUILD_TIMEOUT_S = 300
BUILD_MEMORY_SHARE = 0.4

# The three representative pages: label -> path under the site's root.
PAGES = {"home": "", "chapter": "accounts/never-about-one-thing/", "glossary": "glossary/"}
CHAPTER = "chapter"
SEARCH_FILES = ("search/search_index", "assets/javascripts/workers/search")

# Targets (issue "Quality gates and benchmark").
FIRST_VISIT_MAX_KB = 120  # a chapter's first visit, gzipped, everything it transfers (1 KB = 1,000 bytes)
LIGHTHOUSE_MIN = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
BUILD_OVERHEAD_MAX = 0.10  # what the reader's hooks and extensions add to the online build, zip step excluded


# ----- Running one build --------------------------------------------------------


class BuildFailed(Exception):
    """A build that did not finish; the message holds the end of its log."""


def run_build(work: Path, config: Path, *, offline: bool, name: str, strict: bool = True,
              stub_zip: bool = False, dump_generated: Path | None = None, keep_site: bool = False,
              env: dict[str, str] | None = None) -> dict[str, Any]:
    """Build ``config`` in a child process (no hook state shared); return its figures."""
    site = work / f"site-{name}"
    spec = work / f"spec-{name}.json"
    out = work / f"out-{name}.json"
    spec.write_text(json.dumps({"config": str(config), "site_dir": str(site), "offline": offline,
                                "strict": strict, "stub_zip": stub_zip, "out": str(out),
                                "dump_generated": str(dump_generated) if dump_generated else None}),
                    encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    try:
        result = subprocess.run([sys.executable, str(BENCH / "instrument.py"), str(spec)],
                                cwd=config.parent, env=env, capture_output=True, text=True, check=False,
                                timeout=BUILD_TIMEOUT_S, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired as expired:
        shutil.rmtree(site, ignore_errors=True)
        raise BuildFailed(f"the build of {config} ({name}) did not finish in {BUILD_TIMEOUT_S} s; stopped") from expired
    if result.returncode != 0 or not out.is_file():
        shutil.rmtree(site, ignore_errors=True)
        lines = (result.stderr or result.stdout).strip().splitlines()
        first = next((line for line in lines if line.startswith(("WARNING", "ERROR"))), lines[-1] if lines else "")
        if "MemoryError" in result.stderr:
            first = f"MemoryError: it needed more than {BUILD_MEMORY_SHARE:.0%} of the machine's memory"
        elif result.returncode < 0:
            first = f"stopped by signal {-result.returncode}"
        raise BuildFailed(f"the build of {config} ({name}) failed; first problem:\n    {first[:300]}")
    figures = json.loads(out.read_text(encoding="utf-8"))
    if not keep_site:
        shutil.rmtree(site, ignore_errors=True)
    return summarise(figures)


def _limit_memory() -> None:
    """In the build's child process: a share of the machine's memory at most, so a runaway build
    fails with MemoryError instead of taking the machine (and everyone's work on it) down."""
    import resource

    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    limit = int(total * BUILD_MEMORY_SHARE)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


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
        "load_config": figures["load_config_s"],
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


# The one hook that speeds up any Material build, not only the reader's: compiled templates kept
# between builds. The 'off' baselines below are measured with and without it (like with like).
TEMPLATE_CACHE_HOOK = ROOT / "hooks" / "template_cache.py"


def write_off_config(work: Path, nav: list[Any], *, template_cache: bool = False) -> Path:
    """The real site with the reader's hooks (and so its extensions) off, and no generated pages.

    ``template_cache``: keep hooks/template_cache.py on (it changes no page, only how fast
    templates load), in a cache folder of this config's own.
    """
    import yaml

    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "docs"),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "hooks": [str(TEMPLATE_CACHE_HOOK)] if template_cache else [],
        # Set by hooks/help_link.py when it runs; the header and footer templates link to it.
        "extra": {"help_url": "help/"},
        "nav": nav,
    }
    path = work / ("off-tc" if template_cache else "off") / "mkdocs.yml"
    path.parent.mkdir()
    path.write_text("# The real site, reader's hooks off (benchmark).\n" + yaml.safe_dump(config, sort_keys=False),
                    encoding="utf-8")
    return path


def write_off_with_generated_config(work: Path, generated_pages: Path) -> Path:
    """Hooks off, but the pages the hooks generate present as plain Markdown: like with like for content.

    docs/ is copied with the generated pages' Markdown (as the hooks wrote it in on_files)
    added; the nav is the real one, so every generated page is built and indexed too. The
    template cache is on, as in 'off + template cache', so that the two differ only by content.
    """
    import yaml

    docs = work / "off-gen" / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(generated_pages, docs, dirs_exist_ok=True)
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "theme": {"custom_dir": str(ROOT / "overrides")},
        "hooks": [str(TEMPLATE_CACHE_HOOK)],
        "extra": {"help_url": "help/"},
        "validation": {"nav": {"not_found": "info"}},
    }
    path = docs.parent / "mkdocs.yml"
    path.write_text("# The real site, hooks off, generated pages as plain content (benchmark).\n"
                    + yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
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


def real_table(runs: dict[str, list[dict[str, Any]]], count: int, failed: dict[str, str]) -> dict[str, Any]:
    """Print the real site's tables; return the build-time target's figures."""

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
        ["  the same, build caches emptied first (cold)", cell("online-cold", "no_zip"), cell("online-off", "total"),
         ratio(med("online-cold", "no_zip"), med("online-off", "total")), share("online-cold", "no_zip")],
        ["  of which load_config (imports the hooks)", cell("online-on", "load_config"),
         cell("online-off", "load_config"), "", ""],
        ["  CPU s of the build (load_config excluded)", cell("online-on", "cpu"), cell("online-off", "cpu"),
         ratio(med("online-on", "cpu"), med("online-off", "cpu")), ""],
        ["offline flavour (OFFLINE=true)", cell("offline-on", "total"), cell("offline-off", "total"),
         ratio(med("offline-on", "total"), med("offline-off", "total")), share("offline-on", "total")],
        ["HTML pages built", cell("online-on", "html_pages"), cell("online-off", "html_pages"), "", ""],
    ]
    table("", header, rows)

    # Where the reader's time goes, per hook (the online build, zip step excluded).
    if runs.get("online-on"):
        paths = list(runs["online-on"][0]["hooks"])
        hook_rows = []
        for path in paths:
            values = [r["hooks"].get(path, 0.0) for r in runs["online-on"]]
            cold = [r["hooks"].get(path, 0.0) for r in runs.get("online-cold", [])]
            hook_rows.append([f"  {path}", fmt(statistics.median(values)), fmt(statistics.median(cold)) if cold else "-"])
        hook_rows.append(["  rupture_repair Markdown extensions (per page, outside hook events)",
                          fmt(med("online-on", "markdown")), fmt(med("online-cold", "markdown"))])
        table("2b. The reader's code in the online build, by hook (inclusive; median s)",
              ["hook", "warm cache", "cold cache"], hook_rows)

    # Like with like: what is content and what is code.
    off, off_tc = med("online-off", "total"), med("online-off-tc", "total")
    off_gen = med("online-off-gen", "total")
    on, cold = med("online-on", "no_zip"), med("online-cold", "no_zip")
    figures = {"off": off, "off_tc": off_tc, "off_gen": off_gen, "on": on, "cold": cold}
    if off and on:
        def pct(value: float | None) -> str:
            return "-" if value is None or not off else f"{value:+.2f} s ({100 * value / off:+.0f}%)"

        def minus(a: float | None, b: float | None) -> float | None:
            return a - b if a is not None and b is not None else None

        rows = [
            ["1 reader off (hooks: [], generated pages left out)", fmt(off), "= 100%"],
            ["2 reader off + template cache", fmt(off_tc), pct(minus(off_tc, off))],
            ["3 reader off + template cache + the generated pages as plain Markdown", fmt(off_gen),
             pct(minus(off_gen, off))],
            ["4 reader on, zip step excluded, build caches warm", fmt(on), pct(on - off)],
            ["5 reader on, zip step excluded, build caches cold", fmt(cold), pct(minus(cold, off))],
            ["  of which the template cache (row 2 - row 1)", "", pct(minus(off_tc, off))],
            ["  of which the generated pages' content (row 3 - row 2)", "", pct(minus(off_gen, off_tc))],
            ["  of which the reader's code and per-page blocks (row 4 - row 3)", "", pct(minus(on, off_gen))],
        ]
        table("2c. What the reader adds to the online build (median s; % of the 'off' build)",
              ["build", "seconds", "added"], rows)
    return figures


# ----- The served site: page weight and Lighthouse ---------------------------------------


def build_served_site(work: Path, url: str) -> tuple[Path, str]:
    """``mkdocs build --strict`` of the real site for ``url``; if that fails, a non-strict build, said so."""
    site = work / "served"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, "OFFLINE": "false"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--site-dir", str(site)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return site, "mkdocs build --strict"
    lines = (result.stderr or result.stdout).strip().splitlines()
    first = next((line for line in lines if line.startswith(("WARNING", "ERROR"))), lines[-1] if lines else "")
    # Work in progress elsewhere may break --strict (and so the offline copy's nested strict build).
    run_build(work, ROOT / "mkdocs.yml", offline=False, name="served", strict=False, stub_zip=True,
              keep_site=True, env={"SITE_URL": url})
    shutil.rmtree(site, ignore_errors=True)
    (work / "site-served").rename(site)
    return site, f"NOT strict, offline zip stubbed: the strict build failed ({first[:150]})"


def kb(size: float | None) -> str:
    return "-" if size is None else f"{size / 1000:.1f}"


def weight_table(visits: dict[str, dict[str, Any]]) -> None:
    header = ["3. First visit, KB transferred (gzip)", *weight.KINDS, "total", "requests", "of it search"]
    rows = []
    for label, visit in visits.items():
        sizes = visit["bytes"]
        index = sum(n for kind, url, n in visit["files"] if url.startswith(SEARCH_FILES))
        total = sum(sizes.values())
        rows.append([f"{label} ({PAGES[label] or 'index'})", *(kb(sizes.get(kind, 0)) for kind in weight.KINDS),
                     kb(total), str(sum(visit["requests"].values())), kb(index)])
    table("", header, rows)
    chapter = visits.get(CHAPTER)
    if chapter:
        biggest = sorted(chapter["files"], key=lambda f: -f[2])[:6]
        print("   chapter's largest transfers: " + "; ".join(f"{url} {kb(n)}" for kind, url, n in biggest))
    failed = [url for visit in visits.values() for url in visit["failed"]]
    if failed:
        print(f"   failed requests: {', '.join(sorted(set(failed)))}")
    print("   Method: python http.server subclass on 127.0.0.1 gzipping text (HTML, CSS, JS, JSON, XML, SVG;"
          " level 6) when\n   Accept-Encoding allows; Chromium (Playwright, /usr/bin/chromium) opens each page in a"
          " fresh context\n   (empty cache) and waits for the network to go idle; every finished request of the page"
          " and its\n   workers is summed by Content-Type: its Content-Length as sent (= gzipped body), headers"
          " excluded.\n   'other' = any other type, such as the search index (search/search_index.json);"
          " 'of it search' =\n   the search index and the search worker's script: online, only once the"
          " reader opens search\n   (docs/assets/javascripts/search-on-demand.js), so 0 here. 1 KB = 1,000 bytes.")


def lighthouse_table(results: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, int]]:
    """Print the median run per page (by performance score); return its scores."""
    chosen: dict[str, dict[str, Any]] = {}
    for label, reports in results.items():
        ordered = sorted(reports, key=lambda r: r["scores"]["performance"])
        chosen[label] = ordered[len(ordered) // 2]
    header = ["4. Lighthouse, mobile (median run)", *weight.CATEGORIES, "perf. of runs", "FCP s", "LCP s", "TBT ms",
              "CLS"]
    rows = []
    for label, report in chosen.items():
        m = report["metrics"]
        rows.append([label, *(str(report["scores"][c]) for c in weight.CATEGORIES),
                     " ".join(str(r["scores"]["performance"]) for r in results[label]),
                     f"{m.get('first-contentful-paint', 0) / 1000:.1f}", f"{m.get('largest-contentful-paint', 0) / 1000:.1f}",
                     f"{m.get('total-blocking-time', 0):.0f}", f"{m.get('cumulative-layout-shift', 0):.3f}"])
    table("", header, rows)
    any_report = next(iter(chosen.values()), None)
    if any_report:
        print(f"   Lighthouse {any_report['version']} ({weight.LIGHTHOUSE} via npx --yes: fetched into npm's cache,"
              f" not into package.json),\n   form factor {any_report['form_factor']}, simulated throttling;"
              f" CHROME_PATH={weight.CHROMIUM}, --chrome-flags=\"{weight.LIGHTHOUSE_CHROME_FLAGS}\".")
    for label, report in chosen.items():
        if report["losses"]:
            print(f"   {label} loses points on: " + "; ".join(report["losses"]))
        if report.get("diagnostics"):
            print(f"   {label} diagnostics: " + "; ".join(report["diagnostics"]))
    return {label: report["scores"] for label, report in chosen.items()}


def targets_table(build: dict[str, Any] | None, visits: dict[str, dict[str, Any]] | None,
                  scores: dict[str, dict[str, int]] | None) -> None:
    rows = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else "met" if ok else "MISSED"

    if visits and CHAPTER in visits:
        total = sum(visits[CHAPTER]["bytes"].values())
        rows.append([f"chapter's first visit <= {FIRST_VISIT_MAX_KB} KB gzipped, in all", f"{kb(total)} KB",
                     verdict(total <= FIRST_VISIT_MAX_KB * 1000)])
    else:
        rows.append([f"chapter's first visit <= {FIRST_VISIT_MAX_KB} KB gzipped, in all", "-", verdict(None)])
    for category, minimum in LIGHTHOUSE_MIN.items():
        name = f"Lighthouse mobile {category} {'>=' if minimum < 100 else '='} {minimum} (3 pages)"
        if scores:
            values = [scores[label][category] for label in scores]
            rows.append([name, " / ".join(str(v) for v in values), verdict(min(values) >= minimum)])
        else:
            rows.append([name, "-", verdict(None)])
    if build and build.get("on") and build.get("off"):
        added = build["on"] / build["off"] - 1
        rows.append([f"reader adds <= {100 * BUILD_OVERHEAD_MAX:.0f}% to the online build (zip step excluded)",
                     f"{100 * added:+.0f}%", verdict(added <= BUILD_OVERHEAD_MAX)])
        for key, label in (("off_tc", "'off + template cache' (the one general speed-up, on both)"),
                           ("off_gen", "'off + template cache + generated pages' (content matched)")):
            if build.get(key):
                against = build["on"] / build[key] - 1
                rows.append([f"  the same against {label}", f"{100 * against:+.0f}%",
                             verdict(against <= BUILD_OVERHEAD_MAX)])
    else:
        rows.append([f"reader adds <= {100 * BUILD_OVERHEAD_MAX:.0f}% to the online build", "-", verdict(None)])
    table("5. Targets", ["target", "measured", "verdict"], rows)


# ----- Main -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[500, 2000], help="synthetic site sizes (pages)")
    parser.add_argument("--terms", type=int, nargs="+", default=[500], help="synthetic glossary sizes (terms)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 50 and 200 pages, 1 build per variant, 1 Lighthouse run per page")
    parser.add_argument("--runs", type=int, default=3, help="builds of the real site per variant (median shown)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page (median shown)")
    parser.add_argument("--with-zip", action="store_true",
                        help="synthetic sites: keep the nested offline build (about doubles their time)")
    parser.add_argument("--no-synthetic", action="store_true", help="skip the synthetic sites")
    parser.add_argument("--no-real", action="store_true", help="skip the real site's build times")
    parser.add_argument("--no-web", action="store_true", help="skip page weight and Lighthouse")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    args = parser.parse_args(argv)
    pages = [50, 200] if args.quick else sorted(set(args.pages))
    terms = sorted(set(args.terms))
    stub_zip = not args.with_zip
    runs = 1 if args.quick else args.runs
    lighthouse_runs = 1 if args.quick else args.lighthouse_runs

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
    build_figures: dict[str, Any] | None = None
    visits: dict[str, dict[str, Any]] | None = None
    scores: dict[str, dict[str, int]] | None = None
    try:
        if not args.no_synthetic:
            synthetic_section(work, pages, terms, stub_zip, generated, args.keep, problems)
        if not args.no_real:
            build_figures = real_section(work, real_nav, generated, runs, problems)
        if not args.no_web:
            visits, scores = web_section(work, lighthouse_runs, problems)
        targets_table(build_figures, visits, scores)
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


def synthetic_section(work: Path, pages: list[int], terms: list[int], stub_zip: bool,
                      generated: list[tuple[str, str]], keep: bool, problems: list[str]) -> None:
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
            if not keep:
                shutil.rmtree(project, ignore_errors=True)
    if results:
        synthetic_table(results, pages, terms, stub_zip)
        if stub_zip:
            print("   The synthetic sites' nested offline build is stubbed (--with-zip keeps it); the real site's"
                  "\n   is not, below. Their config INHERITs mkdocs.yml; nav: generated pages + 50 pages a section."
                  "\n   Each is a fresh project, so its build caches are cold (a first build).")


def real_section(work: Path, real_nav: list[Any], generated: list[tuple[str, str]], runs: int,
                 problems: list[str]) -> dict[str, Any] | None:
    """Build the real site's variants, interleaved; print sections 2-2c; return the build target's figures."""
    off_config = write_off_config(work, real_nav)
    off_tc_config = write_off_config(work, real_nav, template_cache=True)
    # A first build: warms the build caches and the disk, and writes the generated pages' Markdown.
    pages_dir = work / "generated-pages"
    try:
        run_build(work, ROOT / "mkdocs.yml", offline=False, name="warm-up", strict=False, stub_zip=True,
                  dump_generated=pages_dir)
    except BuildFailed as failure:
        problems.append(str(failure))
    off_gen_config = write_off_with_generated_config(work, pages_dir) if pages_dir.is_dir() else None
    # key: (config, offline, strict, stub zip, empty the build caches first)
    variants = {
        "online-on": (ROOT / "mkdocs.yml", False, True, False, False),
        "online-cold": (ROOT / "mkdocs.yml", False, True, True, True),
        "online-off": (off_config, False, False, False, False),
        "online-off-tc": (off_tc_config, False, False, False, False),
        "offline-on": (ROOT / "mkdocs.yml", True, True, False, False),
        "offline-off": (off_config, True, False, False, False),
    }
    if off_gen_config is not None:
        variants["online-off-gen"] = (off_gen_config, False, False, False, False)
    results: dict[str, list[dict[str, Any]]] = {key: [] for key in variants}
    failed: dict[str, str] = {}
    for attempt in range(runs):  # interleaved, so drift hits every variant alike
        for key, (config, offline, strict, stub, cold) in variants.items():
            if key in failed:
                continue
            if cold:
                shutil.rmtree(BUILD_CACHES, ignore_errors=True)
            try:
                results[key].append(run_build(work, config, offline=offline, name=f"{key}-{attempt}",
                                              strict=strict, stub_zip=stub))
            except BuildFailed as failure:
                failed[key] = str(failure)
                problems.append(str(failure))
        print(f"  real site: round {attempt + 1} of {runs} done", file=sys.stderr)
    figures = real_table(results, runs, failed)
    print("   'reader off': a config INHERITing mkdocs.yml with hooks: [] (so none of the reader's Markdown"
          "\n   extensions either), extra.help_url set by hand, not strict, nav without pages missing from"
          f"\n   docs/ ({', '.join(p for _, p in generated) or 'none'})."
          "\n   'template cache': hooks/template_cache.py, the one hook that speeds up any Material build (it"
          "\n   keeps compiled templates between builds); 'off + template cache' is 'off' with that hook alone."
          "\n   'cold': the build caches (.cache/rupture-repair/: formatted references, data that passed its"
          "\n   schema, compiled templates) emptied before the build, as in a fresh checkout or CI; 'warm': as"
          "\n   every later build, and the offline copy's nested build."
          "\n   Like with like: the zip step (a whole second build, in a child process) is left out of 'on'.")
    return figures


def web_section(work: Path, lighthouse_runs: int,
                problems: list[str]) -> tuple[dict[str, dict[str, Any]] | None, dict[str, dict[str, int]] | None]:
    """Serve the built online site gzipped; measure first visits and Lighthouse (sections 3 and 4)."""
    if not weight.CHROMIUM.exists():
        print(f"\n3-4. skipped: {weight.CHROMIUM} is missing (sudo apt-get install chromium)")
        return None, None
    server = weight.GzipServer()
    try:
        print("  building the online site for the local server ...", file=sys.stderr)
        try:
            site, how = build_served_site(work, server.url)
        except BuildFailed as failure:
            problems.append(str(failure))
            return None, None
        server.site = site
        server.start()
        print(f"\nThe online site, built for {server.url} ({how}), served by tests/bench/weight.py")
        visits = weight.first_visits(server.url, PAGES)
        weight_table(visits)
        if shutil.which("npx") is None:
            print("\n4. Lighthouse skipped: npx (npm) is missing")
            return visits, None
        results: dict[str, list[dict[str, Any]]] = {label: [] for label in PAGES}
        for attempt in range(lighthouse_runs):
            for label, path in PAGES.items():
                print(f"  lighthouse {label}, run {attempt + 1} of {lighthouse_runs} ...", file=sys.stderr)
                try:
                    results[label].append(weight.lighthouse(server.url + path))
                except (RuntimeError, subprocess.TimeoutExpired) as error:
                    problems.append(str(error))
        if not all(results.values()):
            return visits, None
        return visits, lighthouse_table(results)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
