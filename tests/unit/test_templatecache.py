"""Compiled templates kept between builds: used while the source is unchanged, never stale, never in the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from rupture_repair.templatecache import settings_key, use_bytecode_cache

# What the "asset" filter below adds; a test changes it between two builds.
ASSET_VERSION = {"v": 1}


def asset(name: str) -> str:
    """A plain filter whose result depends on more than its argument (as a theme's asset filter may)."""
    return f"{name}?v={ASSET_VERSION['v']}"


def _env(templates: Path, **settings: object) -> jinja2.Environment:
    """A new environment, as MkDocs makes one for every build."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), auto_reload=False, **settings)


def _count_compiles(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    compile_ = env.compile

    def counting(source: str, name: str | None = None, filename: str | None = None, *args: object) -> object:
        compiled.append(name or "")
        return compile_(source, name, filename, *args)

    monkeypatch.setattr(env, "compile", counting)
    return compiled


def _cached_env(templates: Path, cache: Path, **settings: object) -> jinja2.Environment:
    """A new environment that keeps its compiled templates in ``cache``."""
    env = _env(templates, **settings)
    use_bytecode_cache(env, cache)
    return env


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "overrides"
    folder.mkdir()
    (folder / "page.html").write_text("{% extends 'base.html' %}{% block body %}Hello {{ name }}{% endblock %}",
                                      encoding="utf-8")
    (folder / "base.html").write_text("<main>{% block body %}{% endblock %}</main>", encoding="utf-8")
    return folder


def test_the_next_build_loads_compiled_templates_instead_of_compiling(
        templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / ".cache" / "rupture-repair"
    first = _env(templates)
    assert use_bytecode_cache(first, cache) is not None
    assert first.get_template("page.html").render(name="reader") == "<main>Hello reader</main>"
    assert (cache / ".gitignore").is_file()  # never committed

    second = _cached_env(templates, cache)
    compiled = _count_compiles(second, monkeypatch)
    assert second.get_template("page.html").render(name="again") == "<main>Hello again</main>"
    assert compiled == []


def test_an_edited_template_is_compiled_again(
        templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = _cached_env(templates, cache)
    first.get_template("page.html").render(name="reader")

    (templates / "base.html").write_text("<article>{% block body %}{% endblock %}</article>", encoding="utf-8")
    second = _cached_env(templates, cache)
    compiled = _count_compiles(second, monkeypatch)
    assert second.get_template("page.html").render(name="reader") == "<article>Hello reader</article>"
    assert compiled == ["base.html"]


def test_settings_that_change_compiled_code_change_the_key(templates: Path, tmp_path: Path) -> None:
    plain = settings_key(_env(templates))
    assert settings_key(_env(templates)) == plain
    assert settings_key(_env(templates, extensions=["jinja2.ext.i18n"])) != plain
    assert settings_key(_env(templates, trim_blocks=True)) != plain
    assert settings_key(_env(templates, variable_start_string="[[", variable_end_string="]]")) != plain
    assert settings_key(_env(templates, autoescape=True)) != plain
    assert settings_key(_env(templates, autoescape=jinja2.select_autoescape(["html"]))) != settings_key(
        _env(templates, autoescape=jinja2.select_autoescape(["xml"])))
    with_filter = _env(templates)
    with_filter.filters["asset"] = asset
    assert settings_key(with_filter) != plain


def test_the_key_is_the_same_in_every_run(templates: Path) -> None:
    """Settings go by name, never by memory address: otherwise no later build could use the cache."""
    env = _env(templates, autoescape=jinja2.select_autoescape(["html"]))
    assert "0x" not in repr(settings_key(env))
    assert settings_key(env) == settings_key(_env(templates, autoescape=jinja2.select_autoescape(["html"])))


def test_a_template_is_not_taken_from_an_environment_with_other_settings(templates: Path, tmp_path: Path) -> None:
    (templates / "trimmed.html").write_text("{% if true %}\nyes\n{% endif %}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    trimming = _cached_env(templates, cache, trim_blocks=True)
    assert trimming.get_template("trimmed.html").render() == "yes\n"
    plain = _cached_env(templates, cache)
    assert plain.get_template("trimmed.html").render() == "\nyes\n"


def test_without_a_cache_folder_templates_are_compiled_as_before(templates: Path) -> None:
    env = _env(templates)
    assert use_bytecode_cache(env, None) is None
    assert env.bytecode_cache is None
    assert env.get_template("page.html").render(name="reader") == "<main>Hello reader</main>"


def test_a_cache_folder_that_cannot_be_made_leaves_the_build_uncached(templates: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = _env(templates)
    assert use_bytecode_cache(env, blocked / "rupture-repair") is None
    assert env.get_template("page.html").render(name="reader") == "<main>Hello reader</main>"


def test_a_cache_folder_that_vanishes_mid_build_does_not_stop_it(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = _cached_env(templates, cache)
    shutil.rmtree(cache)
    assert env.get_template("page.html").render(name="reader") == "<main>Hello reader</main>"


def test_a_filter_added_after_the_cache_still_counts(templates: Path, tmp_path: Path) -> None:
    """A later hook may add filters: code compiled for one calling convention is not served to another."""
    (templates / "filtered.html").write_text("{{ name | shout }}", encoding="utf-8")
    cache = tmp_path / "cache"
    plain = _cached_env(templates, cache)
    plain.filters["shout"] = jinja2.filters.do_upper
    assert plain.get_template("filtered.html").render(name="hi") == "HI"
    assert list((cache / "templates").glob("*.cache"))

    context_filter = _cached_env(templates, cache)
    context_filter.filters["shout"] = jinja2.pass_context(lambda context, text: f"{text}!")
    assert context_filter.get_template("filtered.html").render(name="hi") == "hi!"


def test_filters_that_take_the_context_keep_the_cache(
        templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As MkDocs' url and script_tag do: Jinja never works them out at compile time."""
    (templates / "link.html").write_text('<a href="{{ "help/" | url }}">help</a>', encoding="utf-8")
    cache = tmp_path / "cache"
    url = jinja2.pass_context(lambda context, path: context["base"] + path)
    first = _cached_env(templates, cache)
    first.filters["url"] = url
    assert first.get_template("link.html").render(base="../") == '<a href="../help/">help</a>'

    second = _cached_env(templates, cache)
    second.filters["url"] = url
    compiled = _count_compiles(second, monkeypatch)
    assert second.get_template("link.html").render(base="../../") == '<a href="../../help/">help</a>'
    assert compiled == []


def test_a_filter_that_may_read_more_than_its_arguments_turns_the_cache_off(
        templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja works out ``"logo.svg" | asset`` once, at compile time: kept, the answer would outlive a change."""
    (templates / "logo.html").write_text('<img src="{{ "logo.svg" | asset }}">', encoding="utf-8")
    cache = tmp_path / "cache"
    first = _cached_env(templates, cache)
    first.filters["asset"] = asset
    assert first.get_template("logo.html").render() == '<img src="logo.svg?v=1">'
    assert not list((cache / "templates").glob("*.cache"))

    monkeypatch.setitem(ASSET_VERSION, "v", 2)
    second = _cached_env(templates, cache)
    second.filters["asset"] = asset
    assert second.get_template("logo.html").render() == '<img src="logo.svg?v=2">'


@pytest.mark.parametrize("keep", [0, 5, 20, 40, 200])
def test_a_damaged_cache_file_is_compiled_again_and_replaced(templates: Path, tmp_path: Path, keep: int) -> None:
    cache = tmp_path / "cache"
    first = _env(templates)
    folder = use_bytecode_cache(first, cache)
    assert folder is not None
    first.get_template("page.html").render(name="reader")
    for kept in folder.glob("*.cache"):
        kept.write_bytes(kept.read_bytes()[:keep])

    second = _cached_env(templates, cache)
    assert second.get_template("page.html").render(name="again") == "<main>Hello again</main>"
    assert all(kept.stat().st_size > 200 for kept in folder.glob("*.cache"))


def test_a_cache_file_holding_something_else_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    cache = tmp_path / "cache"
    first = _env(templates)
    folder = use_bytecode_cache(first, cache)
    assert folder is not None
    first.get_template("base.html").render()
    source = (templates / "base.html").read_text(encoding="utf-8")
    checksum = first.bytecode_cache.get_source_checksum(source)  # type: ignore[union-attr]
    for kept in folder.glob("*.cache"):
        kept.write_bytes(bc_magic + pickle.dumps(checksum, 2) + marshal.dumps(42))

    second = _cached_env(templates, cache)
    assert second.get_template("page.html").render(name="again") == "<main>Hello again</main>"
