"""Pseudo-angles: the sweep's order of directions, checked against atan2 and against their own inverse."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.visibility.sweep import direction, pseudo_angle

coordinate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda v: abs(v) > 1e-6 or v == 0.0)


def _turn(dx: float, dy: float) -> float:
    """The true angle counter-clockwise from +x, in [0, 2π)."""
    return math.atan2(dy, dx) % (2 * math.pi)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate).filter(lambda v: v != (0.0, 0.0)), min_size=2, max_size=40))
def test_pseudo_angles_order_directions_as_true_angles_do(vectors):
    dx, dy = np.array(vectors).T
    pa = pseudo_angle(dx, dy)
    assert ((pa >= 0) & (pa < 4)).all()
    turns = np.array([_turn(x, y) for x, y in vectors])
    for i in range(len(vectors)):
        for j in range(len(vectors)):
            if turns[i] < turns[j] - 1e-9:  # clearly apart: the pseudo-angles keep the order
                assert pa[i] < pa[j], (vectors[i], vectors[j])


@settings(max_examples=200, deadline=None)
@given(coordinate, coordinate)
def test_direction_inverts_pseudo_angle(x, y):
    if (x, y) == (0.0, 0.0):
        return
    ux, uy = direction(pseudo_angle(np.array([x]), np.array([y])))
    # the direction found is parallel to (x, y) and points the same way
    assert abs(ux[0] * y - uy[0] * x) <= 1e-9 * math.hypot(x, y)
    assert ux[0] * x + uy[0] * y > 0


def test_quadrants_axes_and_signed_zeros():
    dx = np.array([1.0, 1.0, 0.0, -1.0, -1.0, -1.0, 0.0, 1.0, -0.0, 1.0, 0.0])
    dy = np.array([0.0, 1.0, 1.0, 1.0, 0.0, -1.0, -1.0, -1.0, 1.0, -0.0, 0.0])
    expected = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 1.0, 0.0, 0.0]  # the zero vector: 0 by convention
    assert pseudo_angle(dx, dy).tolist() == expected
    # a 2-d block (as the portal test passes) gives the same numbers element by element
    assert pseudo_angle(dx.reshape(1, -1).repeat(3, 0), dy.reshape(1, -1).repeat(3, 0)).tolist() == [expected] * 3
