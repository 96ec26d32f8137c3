"""The lock files hold every range of requirements*.txt at a version inside that range.

`make run` and `make test` install from the locks; a range added or changed without
`make lock` would silently not be installed on a fresh machine, so this fails first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PINNED = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+))?")


def ranges(name: str) -> list[Requirement]:
    """The requirements of one requirements file, following `-r` includes."""
    found: list[Requirement] = []
    for raw in (REPO / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            found += ranges(line[3:].strip())
        else:
            found.append(Requirement(line))
    return found


def locked(name: str) -> dict[str, str]:
    """{canonical name: version} of the pins in a lock file that apply on this machine."""
    env = default_environment()
    pins: dict[str, str] = {}
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        match = PINNED.match(line.strip())
        if not match:
            continue
        package, version, marker = match.groups()
        if marker and not Requirement(f"x; {marker.strip()}").marker.evaluate(env):  # type: ignore[union-attr]  # "x; <marker>" always has one
            continue
        pins[canonicalize_name(package.split("[")[0])] = version
    return pins


@pytest.mark.parametrize(("requirements", "lock"), [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")])
def test_lock_covers_every_range(requirements: str, lock: str) -> None:
    pins = locked(lock)
    missing, outside = [], []
    for req in ranges(requirements):
        version = pins.get(canonicalize_name(req.name))
        if version is None:
            missing.append(req.name)
        elif not req.specifier.contains(version, prereleases=True):
            outside.append(f"{req.name} {version} not in {req.specifier}")
    assert not missing and not outside, f"run `make lock`: missing {missing}, outside their range {outside}"


def test_lock_pins_carry_hashes() -> None:
    lines = (REPO / "requirements-dev.lock").read_text(encoding="utf-8").splitlines()
    pins = [i for i, line in enumerate(lines) if PINNED.match(line)]
    assert pins, "the lock pins nothing"
    unhashed = [lines[i] for i in pins if i + 1 >= len(lines) or "--hash=sha256:" not in lines[i + 1]]
    assert not unhashed, f"pins without a hash: {unhashed[:5]}"
