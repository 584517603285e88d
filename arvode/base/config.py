"""Where the record and the rules are: a flag, ``arvode.toml`` in the working folder, or the environment.

Payroll must never start a second record by accident (running from another
folder used to create an empty ledger there and pay everything again), and
KSAPU's new rules folder should not have to be named on every command. Each
command therefore finds them the same way — the command-line flag, else
``arvode.toml`` in the working folder, else an environment variable — and says
which one it used::

    # arvode.toml
    record = "/srv/lon/arvode-liggare.sqlite"   # the payroll record (liggaren)
    rules = "regler/kommunen-2026"              # a rules folder, or a bundled set's name

Relative paths are relative to the folder of ``arvode.toml``.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import attrs

from arvode.base.errors import ArvodeError, Location
from arvode.base.files import os_problem

__all__ = ["CONFIG_FILE", "ENV_RECORD", "ENV_RULES", "ConfigError", "Setting", "find_setting"]

CONFIG_FILE = "arvode.toml"
ENV_RECORD = "ARVODE_LEDGER"
ENV_RULES = "ARVODE_RULES"
_KEYS = {"record": ENV_RECORD, "rules": ENV_RULES}


class ConfigError(ArvodeError, ValueError):
    """``arvode.toml`` cannot be read or holds something unknown."""


@attrs.frozen
class Setting:
    """A value and where it came from, so a command can say which record or rules it uses."""

    value: str
    origin: str

    def __str__(self) -> str:
        return f"{self.value} (från {self.origin})"


def _read(folder: Path) -> tuple[Path, dict[str, object]] | None:
    path = folder / CONFIG_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        where = Location(str(path), int(line.group(1)) if line else None)
        raise ConfigError(f"kan inte läsas som TOML: {exc}", where) from None
    except OSError as exc:
        raise ConfigError(f"kan inte läsas: {os_problem(exc)}", Location(str(path))) from None
    except UnicodeDecodeError:
        raise ConfigError("kan inte läsas: filen är inte UTF-8", Location(str(path))) from None
    for key, value in data.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"okänd inställning (kända: {known})", Location(str(path), None, key))
        if not isinstance(value, str) or not value.strip():
            raise ConfigError("ska vara en text, t.ex. \"liggare.sqlite\"", Location(str(path), None, key))
    return path, data


def find_setting(key: str, flag: str | None, flag_name: str, folder: Path | None = None) -> Setting | None:
    """``key`` ("record" or "rules") from the flag, ``arvode.toml`` or the environment, in that order."""
    if flag is not None:
        return Setting(flag, flag_name)
    found = _read(folder or Path.cwd())
    if found is not None and key in found[1]:
        path, data = found
        value = str(data[key])
        if key == "record" or "/" in value or value.startswith("."):
            value = str(path.parent / value) if not Path(value).is_absolute() else value
        return Setting(value, str(path))
    env = os.environ.get(_KEYS[key])
    if env:
        return Setting(env, f"miljövariabeln {_KEYS[key]}")
    return None
