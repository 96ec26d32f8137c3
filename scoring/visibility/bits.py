"""Boolean N x N matrices as packed bits: each row is ceil(N / 64) uint64 words.

Bit j of word w in a row is column 64 w + j (numpy's little bit order), so
a visibility graph of N cells takes N² / 8 bytes: 12.5 MB at 10,000 cells,
200 MB at 40,000. Nothing here ever unpacks more than a block of rows.

The Boolean product (:func:`bool_product`) is the "method of four
Russians": the rows of the right matrix are taken eight at a time, the OR
of each of the 256 subsets of those eight rows is tabled, and one row of
the product is the OR of one table entry per byte of the left row. Tables
are built for a bounded chunk of byte groups at a time, and byte groups that
are zero in every left row (a frontier far from those cells) are skipped;
a group keyed in only a few rows of a block gathers just those rows.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "n_words",
    "pack_rows",
    "unpack_rows",
    "popcount_rows",
    "weighted_count",
    "or_transpose",
    "transpose_blocks",
    "transposed",
    "select_columns",
    "bool_product",
    "bit_mask",
    "mirror_upper",
    "product_rows",
    "TableCache",
]

#: Byte groups per table chunk are chosen so a chunk's tables stay under this many bytes.
TABLE_BUDGET = 64 * 2**20
#: A group keyed in fewer than this many eighths of a block's rows gathers only those rows.
SPARSE_SHARE = 3
#: Rows unpacked at a time when a block of a bit matrix is handled as bytes.
ROW_BLOCK = 1024


def n_words(n: int) -> int:
    """Words per packed row of n columns."""
    return (n + 63) // 64


def pack_rows(rows: np.ndarray) -> np.ndarray:
    """Boolean rows (S, n) as packed uint64 rows (S, ceil(n / 64))."""
    rows = np.asarray(rows, dtype=bool)
    packed = np.packbits(rows, axis=1, bitorder="little")
    pad = (-packed.shape[1]) % 8
    if pad:
        packed = np.pad(packed, ((0, 0), (0, pad)))
    return np.ascontiguousarray(packed).view(np.uint64)


def unpack_rows(bits: np.ndarray, n: int) -> np.ndarray:
    """Packed rows back to Boolean rows (S, n)."""
    return np.unpackbits(np.ascontiguousarray(bits).view(np.uint8), axis=1, count=n, bitorder="little").view(bool)


def popcount_rows(bits: np.ndarray) -> np.ndarray:
    """Set bits per row."""
    return np.bitwise_count(bits).sum(axis=1, dtype=np.int64)


def bit_mask(columns: np.ndarray, n: int) -> np.ndarray:
    """One packed row with the given columns set."""
    row = np.zeros((1, n), dtype=bool)
    row[0, np.asarray(columns, dtype=np.int64)] = True
    return pack_rows(row)[0]


def weighted_count(bits: np.ndarray, weight_planes: list[tuple[int, np.ndarray]] | None) -> np.ndarray:
    """Per row, the sum of the weights of its set columns.

    ``weight_planes``: (2^b, mask of the columns whose weight has bit b) for
    each bit b of the weights, so the sum is a few popcounts; None: weight 1.
    """
    if weight_planes is None:
        return popcount_rows(bits)
    total = np.zeros(len(bits), dtype=np.int64)
    for value, mask in weight_planes:
        total += value * np.bitwise_count(bits & mask).sum(axis=1, dtype=np.int64)
    return total


def weight_planes(weights: np.ndarray) -> list[tuple[int, np.ndarray]] | None:
    """The bit planes of integer column weights for :func:`weighted_count` (None when all are 1)."""
    weights = np.asarray(weights, dtype=np.int64)
    if len(weights) == 0 or (weights == 1).all():
        return None
    planes = []
    for b in range(int(weights.max()).bit_length()):
        cols = np.flatnonzero((weights >> b) & 1)
        if len(cols):
            planes.append((1 << b, bit_mask(cols, len(weights))))
    return planes


#: The rounds of a 64 x 64 bit-block transpose: (shift j, mask of the low j bits of every 2j-bit field).
_TRANSPOSE_ROUNDS = [(j, np.uint64(sum(((1 << j) - 1) << s for s in range(0, 64, 2 * j)))) for j in (32, 16, 8, 4, 2, 1)]


def transpose_blocks(a: np.ndarray) -> None:
    """Transpose, in place, every 64 x 64 bit block ``a[s, :, w]`` of ``a`` (S, 64, W) uint64.

    Bit c of word r becomes bit r of word c (Warren, *Hacker's Delight*, 2nd ed., §7-3: swap the off-diagonal
    halves, then the quarters of each half, ... six rounds of shifts and masks over the whole array at once).
    """
    s, _, w = a.shape
    for j, mask in _TRANSPOSE_ROUNDS:
        pairs = a.reshape(s, 64 // (2 * j), 2, j, w)
        lo, hi = pairs[:, :, 0], pairs[:, :, 1]
        t = lo >> np.uint64(j)
        t ^= hi
        t &= mask
        hi ^= t
        t <<= np.uint64(j)
        lo ^= t


def transposed(rows: np.ndarray) -> np.ndarray:
    """The bit transpose of packed rows (r, W): (64 W, ceil(r / 64)) words, row i holding column i of ``rows``.

    The rows, padded with zeros to a multiple of 64, are cut into 64 x 64 bit blocks, each transposed
    word-wise (:func:`transpose_blocks`) and moved to the mirrored place.
    """
    r, words = rows.shape
    stripes = -(-r // 64)
    padded = np.zeros((stripes * 64, words), dtype=np.uint64)
    padded[:r] = rows
    a = padded.reshape(stripes, 64, words)
    transpose_blocks(a)
    # a[s, k, c] now holds bits 64 s .. 64 s + 63 of column 64 c + k: row 64 c + k, word s
    return a.transpose(2, 1, 0).reshape(words * 64, stripes)


def or_transpose(bits: np.ndarray, n: int, block: int = ROW_BLOCK * 2) -> None:
    """bits |= bits.T in place (a graph from one triangle becomes symmetric), a block of rows at a time.

    Each block of rows is transposed (:func:`transposed`) and OR-ed into the block's columns. Reading
    rows that earlier blocks already OR-ed into changes nothing: those bits are the transpose of bits
    that are set, whose own transpose is set already.
    """
    block = max(64, block - block % 64)
    for start in range(0, n, block):
        w0 = start // 64
        flipped = transposed(bits[start : min(n, start + block)])
        bits[:, w0 : w0 + flipped.shape[1]] |= flipped[:n]


def select_columns(bits: np.ndarray, n: int, columns: np.ndarray) -> np.ndarray:
    """The packed rows restricted to ``columns`` (in that order), a block of rows at a time."""
    out = np.zeros((len(bits), n_words(len(columns))), dtype=np.uint64)
    for start in range(0, len(bits), ROW_BLOCK):
        rows = unpack_rows(bits[start : start + ROW_BLOCK], n)
        out[start : start + ROW_BLOCK] = pack_rows(np.take(rows, columns, axis=1))  # C order, so packbits is fast
    return out


def _tables(right: np.ndarray, groups: np.ndarray, buf: np.ndarray | None = None) -> np.ndarray:
    """For each byte group g: the OR of each of the 256 subsets of rows 8g .. 8g+7 of ``right``.

    ``buf``: room for at least ``len(groups)`` tables, reused (fresh memory costs a page fault per 4 kB).
    """
    n_rows, words = right.shape
    idx = groups[:, None] * 8 + np.arange(8)[None, :]
    rows = right[np.minimum(idx, n_rows - 1)]
    rows[idx >= n_rows] = 0
    table = np.empty((len(groups), 256, words), dtype=np.uint64) if buf is None else buf[: len(groups)]
    table[:, 0] = 0
    for j in range(8):
        half = 1 << j
        np.bitwise_or(table[:, :half], rows[:, j : j + 1], out=table[:, half : 2 * half])
    return table


class TableCache:
    """The four-Russians tables of one right-hand matrix, kept across products while they fit.

    A search multiplies by the same step matrix at every level; all its
    tables (4 N² bytes) are built once when they fit :data:`CACHE_BUDGET`,
    else a chunk at a time for each product, in one buffer kept across products.
    """

    def __init__(self, right: np.ndarray):
        self.right = right
        n_groups = (len(right) + 7) // 8
        fits = n_groups * 256 * right.shape[1] * 8 <= CACHE_BUDGET
        self.full = _tables(right, np.arange(n_groups)) if fits and len(right) else None
        self.chunk_buf: np.ndarray | None = None

    def buffer(self, chunk: int) -> np.ndarray:
        """Room for ``chunk`` tables, allocated on first use."""
        if self.chunk_buf is None or len(self.chunk_buf) < chunk:
            self.chunk_buf = np.empty((chunk, 256, self.right.shape[1]), dtype=np.uint64)
        return self.chunk_buf


#: Tables of one step matrix kept in memory across the levels of a search, at most.
CACHE_BUDGET = 256 * 2**20


def product_rows(words: int) -> int:
    """Rows of a block of :func:`bool_product`'s result (about 1 MB, a multiple of 64 for ``upper``)."""
    return max(64, 2**20 // (8 * words) // 64 * 64)


def bool_product(left: np.ndarray, right: np.ndarray, cache: TableCache | None = None, upper: bool = False) -> np.ndarray:
    """left ⊗ right over the Boolean semiring: row s of the result is the OR of the rows of
    ``right`` whose columns are set in row s of ``left``. Both packed; ``right`` is (n, W).

    Work is blocked so that a block of result rows (about 1 MB) and one
    group's table stay in cache while every group of the chunk is applied.
    ``cache``: the tables of ``right`` from earlier products (:class:`TableCache`).
    ``upper``: only the words from a block's first row on are computed (the
    rest stays zero), for a caller that needs only the upper triangle of a
    symmetric result (:func:`mirror_upper` fills the rest).
    """
    n_right, words = right.shape
    out = np.zeros((len(left), words), dtype=np.uint64)
    if len(left) == 0 or n_right == 0:
        return out
    n_groups = (n_right + 7) // 8
    keys = left.view(np.uint8)[:, :n_groups]
    active = np.flatnonzero(keys.any(axis=0))
    chunk = max(1, TABLE_BUDGET // (256 * words * 8))
    block = product_rows(words)
    tmp = np.empty((block, words), dtype=np.uint64)
    acc_buf = np.empty((block, words), dtype=np.uint64) if upper else tmp
    full = cache.full if cache is not None else None
    if full is not None:
        chunk = len(active)
    for start in range(0, len(active), chunk):
        groups = active[start : start + chunk]
        if full is not None:
            table = full
        else:
            table = _tables(right, groups, cache.buffer(len(groups)) if cache is not None else None)
        where = groups if full is not None else np.arange(len(groups))
        for r0 in range(0, len(left), block):
            kb = np.ascontiguousarray(keys[r0 : r0 + block, groups].T)  # (groups, rows of the block)
            w0 = r0 // 64 if upper else 0
            ob = out[r0 : r0 + block, w0:]
            acc = ob if w0 == 0 else _contiguous(acc_buf, ob)  # ufuncs on a strided block are several times slower
            _apply_groups(acc, kb, table, where, tmp, w0)
            if acc is not ob:
                ob[...] = acc
    return out


def _contiguous(buf: np.ndarray, like: np.ndarray) -> np.ndarray:
    """A contiguous copy of ``like`` in the front of ``buf``."""
    view = buf.ravel()[: like.size].reshape(like.shape)
    view[...] = like
    return view


def _apply_groups(ob: np.ndarray, kb: np.ndarray, table: np.ndarray, where: np.ndarray, tmp: np.ndarray, w0: int) -> None:
    """ob |= the table entries keyed by kb (groups, rows), group by group.

    A group keyed in few rows of the block gathers only those rows (a
    frontier is a thin ring, so most are); a group keyed in most rows
    gathers all of them, which is cheaper than indexing.
    """
    used = np.count_nonzero(kb, axis=1)
    dense = used * 8 >= len(ob) * SPARSE_SHARE
    tb = tmp.ravel()[: ob.size].reshape(ob.shape)  # contiguous, so take writes it unbuffered
    for t in np.flatnonzero(used):
        entries = table[where[t]][:, w0:]
        if dense[t]:
            np.take(entries, kb[t], axis=0, out=tb, mode="clip")  # keys are bytes: never out of range
            np.bitwise_or(ob, tb, out=ob)
        else:
            rows = np.flatnonzero(kb[t])
            ob[rows] |= entries[kb[t, rows]]


def mirror_upper(bits: np.ndarray, n: int, block: int = ROW_BLOCK) -> None:
    """Fill the words left of each row block's first row from the transpose of the rows above it.

    ``bits`` (n, W) holds a symmetric matrix whose rows r0 .. r0 + block
    are right only from word r0 / 64 on (as :func:`bool_product` leaves
    them with ``upper``); ``block`` must be a multiple of 64. The rows above,
    in those columns, are transposed (:func:`transposed`).
    """
    for r0 in range(block, n, block):
        r1 = min(n, r0 + block)
        w0 = r0 // 64
        bits[r0:r1, :w0] = transposed(bits[:r0, w0 : n_words(r1)])[: r1 - r0]
