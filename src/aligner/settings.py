"""The user's settings for reviewing, in the user's config directory (platformdirs:
`~/.config/aligner` on Linux, honouring XDG_CONFIG_HOME): `config.toml`, which the user
writes — the keys of the review, by action (a keymap, as posting's) — and `state.toml`,
which the review writes — the theme last chosen.

    # ~/.config/aligner/config.toml
    [keymap]
    merge = "M"
    next-finding = "n,ctrl+n"

Knows nothing of the UI: which actions exist is the UI's to check.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

from aligner.errors import InputError
from aligner.files import write_atomically

CONFIG_NAME = "config.toml"
STATE_NAME = "state.toml"


@dataclass(frozen=True)
class Settings:
    #: Action (the review's binding id, e.g. "merge") → keys ("M", or "m,ctrl+m").
    keymap: dict[str, str] = field(default_factory=dict)
    #: The theme last chosen, None before any choice.
    theme: str | None = None


def config_dir() -> Path:
    return Path(user_config_dir("aligner"))


def load_settings() -> Settings:
    """The keymap of `config.toml` and the theme of `state.toml`; either file may be
    missing. A config file that is not TOML, or a keymap that is not a table of
    strings, is an InputError naming the file (and the line TOML reports)."""
    config_path = config_dir() / CONFIG_NAME
    config = _read_toml(config_path)
    keymap = config.get("keymap", {})
    if not isinstance(keymap, dict):
        raise InputError(f'{config_path}: [keymap] must be a table of action = "keys"')
    for action, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise InputError(
                f'{config_path}: [keymap] {action} must be keys as a string, e.g. "ctrl+m"'
            )
    theme = _read_toml(config_dir() / STATE_NAME, strict=False).get("theme")
    return Settings(dict(keymap), theme if isinstance(theme, str) else None)


def remember_theme(theme: str) -> None:
    """Write the theme chosen to `state.toml`, atomically (the folder is made if need
    be). InputError when it cannot be written."""
    folder = config_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot make {folder}: {error.strerror}") from error
    # A TOML file of one string, written by hand (tomllib only reads): a JSON string is
    # a valid TOML basic string.
    write_atomically(folder / STATE_NAME, f"theme = {json.dumps(theme)}\n")


def _read_toml(path: Path, strict: bool = True) -> dict:
    """The TOML document at `path` ({} when there is none). `strict` False: the
    review's own file, which a broken write cannot have left (it is atomic) — read as
    empty rather than stop the review if someone broke it by hand."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        if not strict:
            return {}
        raise InputError(f"{path}: cannot be read ({error})") from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        if not strict:
            return {}
        raise InputError(f"{path} is not valid TOML: {error}") from error
