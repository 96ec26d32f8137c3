"""Small array idioms the vectorised analyses share."""

from __future__ import annotations

import numpy as np

__all__ = ["ranges"]


def ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """The ranges ``start[k] .. start[k] + count[k] - 1`` of every k, end to end, in one array (no Python loop).

    >>> ranges(np.array([5, 0, 9]), np.array([2, 0, 3])).tolist()
    [5, 6, 9, 10, 11]
    """
    return np.repeat(start - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
