"""Process-wide allocator settings for scoring: keep freed memory in the process for the next score.

Scoring a real level makes thousands of numpy arrays of 0.1-1 MB (isovist
batches, sight-line pairs, wall pieces) and frees them within milliseconds.
glibc's malloc hands memory above its thresholds back to the system on free
(arrays it maps of their own, and the top of the heap once more than twice
the threshold is free there), so the next array of that size gets fresh
pages, each a page fault: about 4,000 per score of a 200-room FloorspaceJS
storey. Raising the two thresholds keeps that memory for reuse: 1,450 faults
per score, 1-5 % less time (DXF office 5 %), the same peak memory.

The setting is process-wide, so the library never makes it on import: the
app and the command line call :func:`keep_freed_memory` at start, and the
scoring benchmark does too, to time scoring as they run it. Elsewhere (not
glibc: macOS, Windows, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["keep_freed_memory", "MMAP_THRESHOLD", "TRIM_THRESHOLD"]

#: Blocks from this size (bytes) get a mapping of their own, handed back on free: 32 MiB, the largest
#: threshold glibc's own adaptive rule would reach on 64-bit (arrays above it, such as the visibility
#: graph's bit matrices, still go back to the system at once).
MMAP_THRESHOLD = 32 * 1024 * 1024
#: Free memory at the top of the heap is handed back only beyond this (bytes): 128 MiB.
TRIM_THRESHOLD = 128 * 1024 * 1024

#: mallopt's parameter numbers (glibc's malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3

_applied: bool | None = None


def keep_freed_memory() -> bool:
    """Set glibc's mmap and trim thresholds (once per process); True if they are set, False where there is no glibc.

    >>> keep_freed_memory() in (True, False)
    True
    """
    global _applied
    if _applied is None:
        _applied = _set_thresholds()
    return _applied


def _set_thresholds() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no libc.so.6)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
