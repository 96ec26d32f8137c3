"""The rule every new password meets: long enough, not a common one, not the account's own name.

Why: throttling slows guessing, but a password from the top of a leaked list falls to the few
guesses the throttle still allows. Following NIST SP 800-63B (section 3.1.1.2, "password
verifiers"): a minimum length and a check against a list of commonly used passwords, and no
composition rules (no "one digit and one capital"). The list is
``input_forms/data/common-passwords.txt.gz`` (its source is named in ``data/README.md``).

Settings: ``INPUT_FORMS_MIN_PASSWORD_LENGTH`` (default 12; NIST asks 15 where a password is the
only factor). A password is compared lowercased, and also with digits and signs at its ends
stripped, so "Password2024!" counts as "password".
"""

from __future__ import annotations

import gzip
import os
import re
from functools import lru_cache
from pathlib import Path

from .errors import ValidationFailed

__all__ = ["MIN_PASSWORD_LENGTH", "MAX_PASSWORD_BYTES", "COMMON_PASSWORDS_FILE", "check_new_password", "is_common"]

#: Characters a new password has at least (INPUT_FORMS_MIN_PASSWORD_LENGTH).
MIN_PASSWORD_LENGTH = int(os.environ.get("INPUT_FORMS_MIN_PASSWORD_LENGTH", "12"))
#: bcrypt reads no further than 72 bytes; a longer password would be silently cut.
MAX_PASSWORD_BYTES = 72
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"
_ENDS = re.compile(r"^[\d\W_]+|[\d\W_]+$")
#: Words of this installation an attacker tries first.
_LOCAL_WORDS = ("jobcenter", "jobcentre", "jobcentret", "kommune", "password", "kodeord", "adgangskode")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def is_common(password: str) -> bool:
    """True when the password (lowercased, or with digits and signs at its ends stripped) is on the list."""
    lowered = password.lower().strip()
    core = _ENDS.sub("", lowered)
    common = _common()
    return lowered in common or (len(core) >= 4 and core in common) or core in _LOCAL_WORDS


def _one_repeated(password: str) -> bool:
    """"aaaaaaaaaaaa" or "abcabcabcabc": a short piece repeated."""
    for size in range(1, len(password) // 2 + 1):
        if len(password) % size == 0 and password[:size] * (len(password) // size) == password:
            return True
    return False


def check_new_password(password: str, username: str = "") -> None:
    """Raise ValidationFailed (saying what to change) unless the password may be set."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"password: must be at least {MIN_PASSWORD_LENGTH} characters "
                               f"(got {len(password)}); a few words in a row make a good one")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise ValidationFailed(f"password: must be at most {MAX_PASSWORD_BYTES} bytes (bcrypt's limit)")
    name = (username or "").strip().lower()
    if name and len(name) >= 3 and name in password.lower():
        raise ValidationFailed("password: must not contain the username")
    if is_common(password) or _one_repeated(password):
        raise ValidationFailed("password: is one of the most common passwords (or a variant of one); choose another")
