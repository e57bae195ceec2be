"""The web admin's settings: off by default, a base URL for links, and MEDIA_DIR; bad
values are one clear line each, and a MEDIA_DIR that cannot hold files stops the start
with a message that names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import Settings, SettingsError, load_settings
from web_admin.photos import MediaDirUnusable, prepare_media_dir


def settings_from(tmp_path: Path, text: str) -> Settings:
    env = tmp_path / ".env"
    env.write_text(text)
    return load_settings(env, secrets_dir=None)


def test_off_by_default_and_links_go_to_the_local_port(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, "HTTP_PORT=8123\n")
    assert settings.web_admin is False
    assert settings.web_admin_base_url == "http://127.0.0.1:8123"
    assert settings_from(tmp_path, "WEB_ADMIN_URL=\n").web_admin_url is None
    public = settings_from(tmp_path, "WEB_ADMIN=true\nWEB_ADMIN_URL=https://shop.example.com/\n")
    assert public.web_admin and public.web_admin_base_url == "https://shop.example.com"


@pytest.mark.parametrize("url", ["myshop.test", "ftp://myshop.test", "https://myshop.test/admin"])
def test_a_bad_url_is_one_line_that_does_not_echo_it(tmp_path: Path, url: str) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from(tmp_path, f"WEB_ADMIN_URL={url}\n")
    [problem] = raised.value.problems
    assert problem.startswith("WEB_ADMIN_URL: invalid value; expected the web admin's public")
    assert url not in problem


def test_a_media_dir_that_cannot_hold_files_is_named(tmp_path: Path) -> None:
    assert prepare_media_dir(tmp_path / "a" / "b") == (tmp_path / "a" / "b").resolve()
    taken = tmp_path / "file"
    taken.write_text("not a directory")
    with pytest.raises(MediaDirUnusable) as raised:
        prepare_media_dir(taken / "media")
    assert str(raised.value).startswith(f"MEDIA_DIR ({(taken / 'media').resolve()}) cannot hold")
    assert "point MEDIA_DIR at a writable directory" in str(raised.value)
