"""Symbolic deep ReLU networks on a fixed activation region ([002] §2, catalog poggio.md §0).

On an activation region σ acts as a fixed diagonal 0/1 matrix D_k, so
f = W_K D_{K-1} W_{K-1} ⋯ D_1 W_1 x is a polynomial in the weights, multilinear across
layers. The helpers build symbolic weights, inputs and the region-wise network, and
enumerate the 2^{Σ h_k} regions of a small net.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import sympy as sp

Pattern = tuple[tuple[int, ...], ...]


def weights(d: int, widths: Sequence[int], name: str = "w", **assumptions: bool) -> list[sp.Matrix]:
    """Symbolic layers W_k (h_k × h_{k-1}) with entries ``{name}{k}_{i}{j}`` (k from 1)."""
    dims = [d, *widths, 1]
    return [sp.Matrix(dims[k], dims[k - 1],
                      lambda i, j, k=k: sp.Symbol(f"{name}{k}_{i}{j}", real=True, **assumptions))
            for k in range(1, len(dims))]


def vector(n: int, name: str = "x", **assumptions: bool) -> sp.Matrix:
    """A symbolic column vector (x_0, …, x_{n-1})."""
    return sp.Matrix(n, 1, lambda i, _j: sp.Symbol(f"{name}{i}", real=True, **assumptions))


def patterns(widths: Sequence[int]) -> Iterator[Pattern]:
    """Every activation pattern of hidden layers of the given widths (2^{Σ h_k} of them)."""
    per_layer = [list(itertools.product((0, 1), repeat=h)) for h in widths]
    yield from itertools.product(*per_layer)


def region_forward(W: Sequence[sp.Matrix], x: sp.Matrix, pattern: Pattern,
                   act_out: bool = False) -> sp.Expr:
    """f = W_K D_{K-1} W_{K-1} ⋯ D_1 W_1 x on the region ``pattern`` (D_k = diag(pattern_k));
    ``act_out``: one more fixed 0/1 factor for [004]'s outer σ is the caller's to apply."""
    h = x
    for k, Wk in enumerate(W):
        h = Wk * h
        if k < len(W) - 1:
            h = sp.diag(*pattern[k]) * h
    out = h[0, 0]
    return out


def preactivations(W: Sequence[sp.Matrix], x: sp.Matrix, pattern: Pattern) -> list[sp.Matrix]:
    """The hidden pre-activations z_k on the region (used to state region membership)."""
    h, out = x, []
    for k, Wk in enumerate(W[:-1]):
        z = Wk * h
        out.append(z)
        h = sp.diag(*pattern[k]) * z
    return out


def flat(W: Sequence[sp.Matrix]) -> list[sp.Symbol]:
    """All weight symbols, layer by layer, row-major."""
    return [s for Wk in W for s in Wk]


def frob2(M: sp.Matrix) -> sp.Expr:
    """‖M‖_F² = Σ M_ij²."""
    return sum(e**2 for e in M)
