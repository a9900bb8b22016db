"""One timed ``mkdocs build``, in a process of its own, with the reader's code timed from outside.

Run as ``python tests/bench/instrument.py SPEC.json``; SPEC names ``config``,
``site_dir``, ``offline`` (sets ``OFFLINE``), ``strict``, ``stub_zip``, ``out``
(where the figures go, as JSON) and, optionally, ``dump_generated``: a folder where
the Markdown of every page the hooks generate (``File.generated``) is written too,
so that the benchmark can build the same pages as plain content with the hooks off.
It does what ``mkdocs build`` does (load_config, on_startup, build, on_shutdown)
and changes no project file (the hooks' own cache aside): after ``load_config`` has
imported the hooks it wraps, at the boundaries where other code calls the
reader's code,

- every event function of every hook module (``hooks/*.py``);
- every ``rupture_repair`` function or class a hook module imports (the class's
  public methods), by replacing the name in the hook's namespace or on the class;
- every Python-Markdown processor and extension defined in ``rupture_repair``
  (``run``, ``test``, ``handleMatch``, ``extendMarkdown``), which Markdown calls
  per page outside any hook;
- the offline copy's nested build (``offline_copy._build_offline_zip``).

Times are inclusive (a hook's time includes the Jinja or YAML work it asks
for). Totals count only the outermost timed call, so nothing is counted twice.
Python's garbage-collector pauses are timed too (``gc.callbacks``), in all and
inside each timed label. With ``stub_zip`` the nested offline build is replaced
by an empty zip (the online site then ships an empty "offline copy").
"""

from __future__ import annotations

import functools
import gc
import io
import inspect
import json
import logging
import os
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

_clock = time.perf_counter

MARKDOWN_METHODS = ("run", "test", "handleMatch", "extendMarkdown")
DUNDERS = ("__getitem__", "__iter__", "__contains__", "__len__")
ZIP_STEP = "hooks/offline_copy.py: zip step (nested offline build + zip)"


class Timings:
    """Inclusive time and calls per label, and outermost-only totals per kind ("reader", "rr")."""

    def __init__(self) -> None:
        self.stats: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        self.groups: dict[str, str] = {}
        self.depth = {"reader": 0, "rr": 0}
        self.total = {"reader": 0.0, "rr": 0.0}
        self.active: dict[str, int] = {}  # labels now running (for GC pauses inside them); keys set at wrap time
        self.gc_inside: dict[str, float] = defaultdict(float)
        self.gc_total = 0.0
        self.gc_collections = [0, 0, 0]
        self._gc_start = 0.0

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = _clock()
            return
        elapsed = _clock() - self._gc_start
        self.gc_total += elapsed
        self.gc_collections[info["generation"]] += 1
        for label, running in self.active.items():
            if running:
                self.gc_inside[label] += elapsed

    def wrap(self, fn: Callable[..., Any], label: str, rr: bool, group: str) -> Callable[..., Any]:
        if getattr(fn, "_rr_bench_timed", False):
            return fn
        self.groups[label] = group
        self.active[label] = 0
        stats = self.stats[label]
        depth, total, active = self.depth, self.total, self.active

        @functools.wraps(fn)  # keeps mkdocs_priority and the like
        def timed(*args: Any, **kwargs: Any) -> Any:
            outer_reader = depth["reader"] == 0
            outer_rr = rr and depth["rr"] == 0
            depth["reader"] += 1
            if rr:
                depth["rr"] += 1
            active[label] += 1
            start = _clock()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = _clock() - start
                active[label] -= 1
                depth["reader"] -= 1
                if rr:
                    depth["rr"] -= 1
                stats[0] += 1
                stats[1] += elapsed
                if outer_reader:
                    total["reader"] += elapsed
                if outer_rr:
                    total["rr"] += elapsed

        timed._rr_bench_timed = True  # type: ignore[attr-defined]
        return timed


def _is_rr(obj: Any) -> bool:
    return (getattr(obj, "__module__", None) or "").split(".")[0] == "rupture_repair"


def _wrap_class(timings: Timings, cls: type, names: tuple[str, ...] | None, group: str) -> None:
    """Wrap methods defined on ``cls`` itself: ``names``, or every public one and a few dunders."""
    for name, raw in list(vars(cls).items()):
        wanted = name in names if names is not None else (not name.startswith("_") or name in DUNDERS)
        if not wanted:
            continue
        label = f"{cls.__module__}.{cls.__qualname__}.{name}"
        if isinstance(raw, classmethod):
            setattr(cls, name, classmethod(timings.wrap(raw.__func__, label, rr=True, group=group)))
        elif isinstance(raw, staticmethod):
            setattr(cls, name, staticmethod(timings.wrap(raw.__func__, label, rr=True, group=group)))
        elif inspect.isfunction(raw):
            setattr(cls, name, timings.wrap(raw, label, rr=True, group=group))


def _empty_zip(config: Any) -> bytes:
    """Stands in for the nested offline build when the spec asks for ``stub_zip``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w"):
        pass
    return buffer.getvalue()


def instrument(config: Any, timings: Timings, *, stub_zip: bool = False) -> dict[str, str]:
    """Install the wrappers; return {hook module name: its path as shown}."""
    import markdown.blockprocessors
    import markdown.inlinepatterns
    import markdown.postprocessors
    import markdown.preprocessors
    import markdown.treeprocessors
    from markdown.extensions import Extension

    hooks = dict(config["hooks"])  # name -> module
    shown = {}
    root = Path(config.config_file_path).parent
    by_globals = {}
    for name, module in hooks.items():
        path = Path(module.__file__)
        try:
            shown[name] = str(path.relative_to(root))
        except ValueError:
            shown[name] = str(path)
        by_globals[id(module.__dict__)] = shown[name]

    # 1. Hook event functions, in place in MkDocs' event lists (so their order is kept).
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            owner = by_globals.get(id(getattr(method, "__globals__", None)))
            if owner is None:
                continue
            wrapped = timings.wrap(method, f"{owner}: on_{event}", rr=False, group=f"hook:{owner}")
            methods[index] = wrapped
            origin = plugins._event_origins.get(method)
            if origin is not None:
                plugins._event_origins[wrapped] = origin

    # 2. What hooks import from rupture_repair; 4. the offline copy's nested build.
    classes: set[type] = set()
    for name, module in hooks.items():
        namespace = module.__dict__
        for attr, value in list(namespace.items()):
            if inspect.isfunction(value) and _is_rr(value):
                namespace[attr] = timings.wrap(value, f"{value.__module__}.{value.__qualname__}", rr=True, group="rr-api")
            elif inspect.isclass(value) and _is_rr(value):
                classes.add(value)
        if "_build_offline_zip" in namespace:
            nested = _empty_zip if stub_zip else namespace["_build_offline_zip"]
            namespace["_build_offline_zip"] = timings.wrap(nested, ZIP_STEP, rr=False, group="zip")

    # 3. Python-Markdown processors and extensions defined anywhere in rupture_repair.
    bases = (markdown.preprocessors.Preprocessor, markdown.blockprocessors.BlockProcessor,
             markdown.treeprocessors.Treeprocessor, markdown.inlinepatterns.Pattern,
             markdown.postprocessors.Postprocessor, Extension)
    for modname, module in list(sys.modules.items()):
        if modname.split(".")[0] != "rupture_repair" or module is None:
            continue
        for value in list(vars(module).values()):
            if inspect.isclass(value) and value.__module__ == modname and issubclass(value, bases):
                _wrap_class(timings, value, MARKDOWN_METHODS, "markdown")
    for cls in classes:  # after the Markdown methods, which keep their own group
        _wrap_class(timings, cls, None, "rr-api")
    return shown


def capture_generated_pages(folder: Path) -> None:
    """Write the Markdown of every generated page into ``folder`` as well (wraps File.generated)."""
    from mkdocs.structure.files import File

    original = File.generated.__func__  # type: ignore[attr-defined]

    def generated(cls: type, config: Any, src_uri: str, **kwargs: Any) -> Any:
        content = kwargs.get("content")
        if src_uri.endswith(".md") and isinstance(content, str):
            target = folder / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        return original(cls, config, src_uri, **kwargs)

    File.generated = classmethod(generated)  # type: ignore[method-assign,assignment]


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    os.environ["OFFLINE"] = "true" if spec["offline"] else "false"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    start = _clock()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    imported = _clock()
    if spec.get("dump_generated"):
        capture_generated_pages(Path(spec["dump_generated"]))
    config = load_config(config_file=spec["config"], site_dir=spec["site_dir"], strict=spec.get("strict", True))
    loaded = _clock()
    timings = Timings()
    shown = instrument(config, timings, stub_zip=spec.get("stub_zip", False))
    gc.callbacks.append(timings.on_gc)
    instrumented = _clock()
    cpu = time.process_time()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    done = _clock()
    cpu = time.process_time() - cpu
    gc.callbacks.remove(timings.on_gc)
    site = Path(spec["site_dir"])
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]

    result = {
        "import_s": imported - start,
        "load_config_s": loaded - imported,
        "instrument_s": instrumented - loaded,
        "build_s": done - instrumented,
        "total_s": (loaded - imported) + (done - instrumented),  # load_config + build, as `mkdocs build`
        "reader_s": timings.total["reader"],
        "rr_s": timings.total["rr"],
        "cpu_build_s": cpu,
        "gc_s": timings.gc_total,
        "gc_collections": timings.gc_collections,
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_pages": len(html),
        "html_bytes": sum(p.stat().st_size for p in html),
        "hooks": shown,
        "stats": {
            label: {"calls": int(calls), "s": seconds, "group": timings.groups[label],
                    "gc_s": timings.gc_inside.get(label, 0.0)}
            for label, (calls, seconds) in timings.stats.items()
        },
    }
    Path(spec["out"]).write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
