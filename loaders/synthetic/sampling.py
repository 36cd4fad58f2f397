"""Random draws shared by several parts of the register."""

from __future__ import annotations

import numpy as np

from .days import TODAY
from .vocabulary import INDUSTRY_LETTERS


def redraw_after(rng: np.random.Generator, days: np.ndarray, first: np.ndarray) -> np.ndarray:
    """days, except where not after first: then a day drawn between first and the export."""
    late = days <= first
    redraw = first + 1 + (rng.random(len(days)) * (TODAY - 2 - first)).astype(np.int64)
    return np.where(late, np.minimum(redraw, TODAY - 1), days)


def unique_ints(rng: np.random.Generator, low: int, high: int, size: int) -> np.ndarray:
    """`size` distinct integers in [low, high), in draw order."""
    out = np.empty(0, np.int64)
    while len(out) < size:
        draw = rng.integers(low, high, size=int((size - len(out)) * 1.05) + 16)
        cat = np.concatenate([out, draw])
        _, first = np.unique(cat, return_index=True)
        out = cat[np.sort(first)][:size]
    return out


def weighted(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    """Draw industry letters (as indices into INDUSTRY_LETTERS) with the given weights."""
    letters = np.array([INDUSTRY_LETTERS.index(k) for k in weights])
    p = np.array(list(weights.values()), float)
    return letters[rng.choice(len(p), size=size, p=p / p.sum())]


def pick_words(rng: np.random.Generator, table: dict[str, tuple], keys: list[str], key_idx: np.ndarray):
    """For each row a value from table[keys[key_idx]]: returns (flat value list, flat indices);
    rows whose key has no values get index 0 (callers only use rows whose key has some)."""
    flat: list = []
    start = np.zeros(len(keys), np.int64)
    count = np.zeros(len(keys), np.int64)
    for i, k in enumerate(keys):
        words = table.get(k, ())
        start[i], count[i] = len(flat), len(words)
        flat.extend(words)
    c = count[key_idx]
    idx = start[key_idx] + (rng.random(len(key_idx)) * c).astype(np.int64)
    return flat, np.where(c > 0, idx, 0)


class PersonStream:
    """Persons for secondary places (co-holders, directors, ...): first those not used yet, in
    random order, then anyone from the pool."""

    def __init__(self, rng: np.random.Generator, fresh: np.ndarray, pool: np.ndarray):
        self.rng, self.fresh, self.pool, self.pos = rng, fresh, pool, 0

    def take(self, k: int) -> np.ndarray:
        k = int(k)
        out = self.fresh[self.pos : self.pos + k]
        self.pos += len(out)
        if len(out) < k:
            out = np.concatenate([out, self.pool[self.rng.integers(0, len(self.pool), k - len(out))]])
        return out
