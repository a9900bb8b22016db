"""shared_env: one Jinja environment per theme object, so per build."""

from __future__ import annotations

from pathlib import Path

from rupture_repair.themeenv import shared_env


class FakeTheme:
    def __init__(self) -> None:
        self.calls = 0

    def get_env(self) -> object:
        self.calls += 1
        return object()


def test_the_same_theme_gets_the_same_environment() -> None:
    theme = FakeTheme()
    first = shared_env(theme)
    assert shared_env(theme) is first
    assert shared_env(theme) is first
    assert theme.calls == 1


def test_a_new_theme_a_new_build_gets_a_fresh_environment() -> None:
    old, new = FakeTheme(), FakeTheme()
    old_env = shared_env(old)
    new_env = shared_env(new)
    assert new_env is not old_env
    assert shared_env(new) is new_env
    assert new.calls == 1


def test_each_of_many_short_lived_themes_gets_its_own_environment() -> None:
    # Keyed by the theme itself, not by its id, which Python reuses once the theme is freed.
    envs = [shared_env(FakeTheme()) for _ in range(50)]
    assert len({id(env) for env in envs}) == 50


def test_a_real_mkdocs_theme() -> None:
    from mkdocs.theme import Theme

    theme = Theme(name="mkdocs")
    env = shared_env(theme)
    assert env is shared_env(theme)
    assert env.get_template("main.html") is env.get_template("main.html")
    assert shared_env(Theme(name="mkdocs")) is not env


def test_the_site_env_keeps_compiled_templates_in_the_sites_cache_folder(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from mkdocs.theme import Theme

    from rupture_repair.cachefolder import CACHE_FOLDER
    from rupture_repair.themeenv import site_env

    config = SimpleNamespace(theme=Theme(name="mkdocs"), config_file_path=str(tmp_path / "mkdocs.yml"))
    env = site_env(config)
    assert env is site_env(config)
    env.get_template("main.html")
    assert list((tmp_path / CACHE_FOLDER / "templates").glob("*.cache"))
