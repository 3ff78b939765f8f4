"""The user's settings: the keymap they write, the theme the review remembers."""

from pathlib import Path

import pytest

from aligner.errors import InputError
from aligner.settings import Settings, config_dir, load_settings, remember_theme


def test_no_files_no_settings(own_config_dir: Path) -> None:
    assert config_dir() == own_config_dir
    assert load_settings() == Settings({}, None)


def test_the_keymap_and_the_remembered_theme(own_config_dir: Path) -> None:
    own_config_dir.mkdir(parents=True)
    (own_config_dir / "config.toml").write_text('[keymap]\nmerge = "M"\naccept = "a,enter"\n')
    remember_theme("textual-light")
    assert load_settings() == Settings({"merge": "M", "accept": "a,enter"}, "textual-light")
    remember_theme("nord")  # written again, whole
    assert load_settings().theme == "nord"
    assert (own_config_dir / "config.toml").read_text().startswith("[keymap]")  # untouched


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[keymap\nmerge = 'M'", "is not valid TOML"),
        ("keymap = 3", "[keymap] must be a table"),
        ("[keymap]\nmerge = 3", '[keymap] merge must be keys as a string, e.g. "ctrl+m"'),
    ],
)
def test_a_config_that_cannot_be_used_is_one_clear_error(
    own_config_dir: Path, config: str, message: str
) -> None:
    own_config_dir.mkdir(parents=True)
    (own_config_dir / "config.toml").write_text(config)
    with pytest.raises(InputError, match="config.toml") as raised:
        load_settings()
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_a_broken_state_file_only_forgets_the_theme(own_config_dir: Path) -> None:
    own_config_dir.mkdir(parents=True)
    (own_config_dir / "state.toml").write_text("theme = ")
    assert load_settings().theme is None
