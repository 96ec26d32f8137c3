"""keep_freed_memory: after it, arrays freed and made again reuse the process's memory instead of fresh pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scoring import memory

ROOT = Path(__file__).resolve().parents[2]

#: Ten 1 MiB arrays made, filled and freed, twenty times; prints the page faults before and after the setting.
CHURN = """
import resource, sys
import numpy as np
sys.path.insert(0, {root!r})

def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(20):
        arrays = [np.ones(1 << 17) for _ in range(10)]
        del arrays
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

faults()
plain = faults()
from scoring.memory import keep_freed_memory
applied = keep_freed_memory()
faults()
print(plain, faults(), applied, keep_freed_memory())
"""


def _glibc() -> bool:
    import platform

    return sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not _glibc(), reason="the setting is glibc's")
def test_freed_arrays_are_reused_not_faulted_in_again() -> None:
    out = subprocess.run([sys.executable, "-c", CHURN.format(root=str(ROOT))], capture_output=True, text=True, check=True)
    plain, kept, applied, again = out.stdout.split()
    assert applied == again == "True"
    pages = 20 * 10 * (1 << 20) // 4096  # every array's pages, every time
    assert int(plain) > pages // 2, out.stdout  # without it, most pages are handed back and faulted in again
    assert int(kept) < pages // 20, out.stdout  # with it, the memory is kept for the next arrays


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_applied", None)
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert memory.keep_freed_memory() is False
    assert memory.keep_freed_memory() is False  # decided once
