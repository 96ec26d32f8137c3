"""depthmapX's VGA measures, with its definitions (its source is cited per function).

Global measures come from each cell's depth distribution (:mod:`.bfs`);
local ones from the packed visibility graph. Where depthmapX writes -1 (a
measure undefined for the cell) these arrays hold NaN.

Sources (depthmapX, ``salalib/``): ``vgamodules/vgavisualglobal.cpp``
(node count, mean depth, integration [HH], [P-value], [Tekl], entropy,
relativised entropy), ``vgamodules/vgavisuallocal.cpp`` (clustering
coefficient, control, controllability), ``pointdata.cpp``
(``PointMap::sparkPixel2``: connectivity, point first and second moment),
``genlib/pafmath.h`` (dvalue, pvalue, teklinteg).
"""

from __future__ import annotations

import numpy as np

from .bfs import DepthCounts
from .bits import ROW_BLOCK, bool_product, popcount_rows, unpack_rows

__all__ = ["dvalue", "pvalue", "integration_hh", "global_measures_from", "point_moments", "local_measures"]

#: Candidate (cell, neighbour) pairs whose rows are ANDed at once for the clustering coefficient.
PAIR_WORDS = 4_000_000


def dvalue(k: np.ndarray | float) -> np.ndarray:
    """Hillier & Hanson's D_k for k nodes (``pafmath.h`` dvalue, after Krüger 1989)."""
    k = np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 2.0 * (k * (np.log2((k + 2.0) / 3.0) - 1.0) + 1.0) / ((k - 1.0) * (k - 2.0))


def pvalue(k: np.ndarray | float) -> np.ndarray:
    """Hillier & Hanson's p-value normalisation (``pafmath.h`` pvalue)."""
    k = np.asarray(k, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return 2.0 * (k - np.log2(k) - 1.0) / ((k - 1.0) * (k - 2.0))


def integration_hh(node_count: np.ndarray, total_depth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean depth and integration [HH] from node counts k (itself included) and total depths."""
    out = global_measures_from(node_count, total_depth)
    return out["mean_depth"], out["integration_hh"]


def global_measures_from(node_count: np.ndarray, total_depth: np.ndarray,
                         counts: DepthCounts | None = None) -> dict[str, np.ndarray]:
    """``vgavisualglobal.cpp``: MD = TD / (k - 1); RA = 2 (MD - 1) / (k - 2); integration [HH] =
    D_k / RA, [P-value] = p_k / RA, [Tekl] = ln((k - 2) / 2) / ln(TD - k + 1) (where TD - k + 1 > 1);
    with the depth distribution, entropy -Σ p_d log2 p_d over depths d >= 1 (p_d = n_d / (k - 1)) and
    relativised entropy Σ p_d log2(p_d / q_d), q_d = MD^d e^-MD / (d + 1)! (Turner 2001, "Depthmap")."""
    k = np.asarray(node_count, dtype=float)
    td = np.asarray(total_depth, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        md = np.where(k > 1, td / (k - 1.0), np.nan)
        ra = 2.0 * (md - 1.0) / (k - 2.0)
        defined = (k > 2) & (md > 1.0)
        hh = np.where(defined, dvalue(k) / ra, np.nan)
        pv = np.where(defined, pvalue(k) / ra, np.nan)
        tekl = np.where(defined & (td - k + 1 > 1), np.log(0.5 * (k - 2.0)) / np.log(td - k + 1.0), np.nan)
    out = {"node_count": k.astype(np.int64), "mean_depth": md, "integration_hh": hh,
           "integration_pv": pv, "integration_tekl": tekl}
    if counts is not None:
        out.update(_entropies(counts.counts, k, md))
    return out


def _entropies(counts: np.ndarray, k: np.ndarray, md: np.ndarray) -> dict[str, np.ndarray]:
    entropy = np.zeros(len(k))
    rel = np.zeros(len(k))
    factorial = np.ones(len(k))
    with np.errstate(invalid="ignore", divide="ignore"):
        for d in range(1, counts.shape[1]):
            n_d = counts[:, d]
            has = n_d > 0
            prob = np.where(has, n_d / (k - 1.0), 1.0)
            entropy -= np.where(has, prob * np.log2(prob), 0.0)
            factorial = np.where(has, factorial * (d + 1.0), factorial)  # as depthmapX: only at non-empty depths
            q = md**d / factorial * np.exp(-md)
            rel += np.where(has, prob.astype(np.float32) * np.log2(prob / q), 0.0)
    undefined = ~(k > 1)
    entropy[undefined] = np.nan
    rel[undefined] = np.nan
    return {"entropy": entropy, "relativised_entropy": rel}


#: A block of rows whose links are at least this share of its pairs sums over all pairs, masked: listing the
#: links and gathering their end points costs about ten times more per link than a masked pair (measured
#: on Westport House levels 4 and 1: 4 % and 35 % of pairs linked). Both sum in the same order: the same bits.
DENSE_SHARE = 0.1


def point_moments(adj: np.ndarray, n: int, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sums of the distances (m) and squared distances to the cells each cell sees (``sparkPixel2``)."""
    first = np.zeros(n)
    second = np.zeros(n)
    block = max(1, min(ROW_BLOCK, PAIR_WORDS // max(1, n)))  # a few million pairs at a time, whatever n
    xs, ys = points[:, 0], points[:, 1]
    for start in range(0, n, block):
        rows = adj[start : start + block]
        seen = unpack_rows(rows, n)
        stop = start + len(seen)
        if int(popcount_rows(rows).sum()) >= DENSE_SHARE * seen.size:
            d2 = xs[start:stop, None] - xs[None, :]
            d2 *= d2
            dy = ys[start:stop, None] - ys[None, :]
            dy *= dy
            d2 += dy
            d2[~seen] = 0.0
            np.sqrt(d2, out=dy)
            # summed left to right, as bincount sums the links (adding the masked zeros changes no bit)
            second[start:stop] = np.add.accumulate(d2, axis=1, out=d2)[:, -1]
            first[start:stop] = np.add.accumulate(dy, axis=1, out=dy)[:, -1]
            continue
        i, j = np.nonzero(seen)  # only the links, not all pairs
        i += start
        d2 = (xs[i] - xs[j]) ** 2 + (ys[i] - ys[j]) ** 2
        first += np.bincount(i, np.sqrt(d2), minlength=n)
        second += np.bincount(i, d2, minlength=n)
    return first, second


def local_measures(adj: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """``vgavisuallocal.cpp``, for a cell i with neighbourhood N(i) of size k_i (itself excluded):
    clustering coefficient = Σ_{j ∈ N(i)} |N(j) ∩ N(i)| / (k_i (k_i - 1)); control = Σ_{j ∈ N(i)} 1 / k_j;
    controllability = k_i / |∪_{j ∈ N(i)} N(j)|. Undefined (NaN) where k_i <= 1."""
    k = popcount_rows(adj)
    inv_k = np.where(k > 0, 1.0 / np.maximum(k, 1), 0.0)
    control = np.zeros(n)
    cluster = np.zeros(n, dtype=np.int64)
    pairs_per_slice = max(1, PAIR_WORDS // max(1, adj.shape[1]))
    for start in range(0, n, ROW_BLOCK):
        seen = unpack_rows(adj[start:start + ROW_BLOCK], n)
        control[start:start + len(seen)] = seen @ inv_k
        i, j = np.nonzero(seen)
        i += start
        for s0 in range(0, len(i), pairs_per_slice):
            a, b = i[s0:s0 + pairs_per_slice], j[s0:s0 + pairs_per_slice]
            common = np.bitwise_count(adj[a] & adj[b]).sum(axis=1, dtype=np.int64)
            cluster += np.bincount(a, common, minlength=n).astype(np.int64)
    two_step = popcount_rows(bool_product(adj, adj))  # |∪ N(j)|: i itself and everything two steps away
    with np.errstate(invalid="ignore", divide="ignore"):
        defined = k > 1
        clustering = np.where(defined, cluster / (k * (k - 1.0)), np.nan)
        controllability = np.where(defined, k / two_step, np.nan)
    control = np.where(defined, control, np.nan)
    return {"clustering": clustering, "control": control, "controllability": controllability}
