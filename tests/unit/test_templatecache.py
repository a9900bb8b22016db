"""Compiled templates kept between builds: used while the source is unchanged, never stale, never in the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from rupture_repair.templatecache import settings_key, use_bytecode_cache


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

    second = _env(templates)
    use_bytecode_cache(second, cache)
    compiled = _count_compiles(second, monkeypatch)
    assert second.get_template("page.html").render(name="again") == "<main>Hello again</main>"
    assert compiled == []


def test_an_edited_template_is_compiled_again(
        templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = _env(templates)
    use_bytecode_cache(first, cache)
    first.get_template("page.html").render(name="reader")

    (templates / "base.html").write_text("<article>{% block body %}{% endblock %}</article>", encoding="utf-8")
    second = _env(templates)
    use_bytecode_cache(second, cache)
    compiled = _count_compiles(second, monkeypatch)
    assert second.get_template("page.html").render(name="reader") == "<article>Hello reader</article>"
    assert compiled == ["base.html"]


def test_settings_that_change_compiled_code_get_a_folder_of_their_own(templates: Path, tmp_path: Path) -> None:
    plain = settings_key(_env(templates))
    assert settings_key(_env(templates)) == plain
    assert settings_key(_env(templates, extensions=["jinja2.ext.i18n"])) != plain
    assert settings_key(_env(templates, trim_blocks=True)) != plain
    assert settings_key(_env(templates, variable_start_string="[[", variable_end_string="]]")) != plain
    assert settings_key(_env(templates, autoescape=True)) != plain


def test_a_template_is_not_taken_from_an_environment_with_other_settings(templates: Path, tmp_path: Path) -> None:
    (templates / "trimmed.html").write_text("{% if true %}\nyes\n{% endif %}\n", encoding="utf-8")
    cache = tmp_path / "cache"
    trimming = _env(templates, trim_blocks=True)
    use_bytecode_cache(trimming, cache)
    assert trimming.get_template("trimmed.html").render() == "yes\n"
    plain = _env(templates)
    use_bytecode_cache(plain, cache)
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
    env = _env(templates)
    use_bytecode_cache(env, cache)
    shutil.rmtree(cache)
    assert env.get_template("page.html").render(name="reader") == "<main>Hello reader</main>"
