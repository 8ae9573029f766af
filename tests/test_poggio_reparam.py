"""Unit tests of the helpers behind the [002] §4 reparametrisation claims: the exact
unit-sphere parametrisation, the 50-digit network twin used by the rechecks, and the
(ρ_k, V_k) vector fields."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from derivations import poggio_reparam as D
from numeric import relunet as rn
from verify.claims import poggio_reparam as C


def test_stereo_is_exactly_unit() -> None:
    u = sp.symbols("u1:4", real=True)
    s = D.stereo(u)
    assert sp.cancel(sum(e**2 for e in s) - 1) == 0


@pytest.mark.parametrize("act", ["relu", "linear"])
@pytest.mark.parametrize("net", ["002", "004"])
def test_mp_twin_matches_relunet(act: str, net: str) -> None:
    rng = np.random.default_rng(3)
    W = rn.random_net(3, [4, 2], rng)
    X = rng.standard_normal((5, 3))
    f, G = C._fgrad(W, X, act, net)
    with mp.workdps(30):
        fm, Gm = C._mp_fgrad([C._mpa(a) for a in W], C._mpa(X), act, net)
    assert np.allclose(np.asarray(fm, dtype=float), f, rtol=1e-13, atol=1e-14)
    for a, b in zip(G, Gm, strict=True):
        assert np.allclose(np.asarray(b, dtype=float), a, rtol=1e-13, atol=1e-14)


def test_rv_fields_are_tangent_and_related() -> None:
    """(13)–(14) is tangent to the spheres; the WN/Lagrange field is ρ_k² times it."""
    rng = np.random.default_rng(5)
    W = rn.random_net(3, [2], rng)
    X = rng.standard_normal((4, 3))
    y = np.sign(rn.forward(W, X))
    rhos = [float(np.linalg.norm(a)) for a in W]
    V = [a / r for a, r in zip(W, rhos, strict=True)]
    _, v_re = C._rv_field(rhos, V, X, y, "relu", "reparam", np, C._fgrad, {})
    _, v_wn = C._rv_field(rhos, V, X, y, "relu", "wn", np, C._fgrad, {})
    for Vk, a, b, r in zip(V, v_re, v_wn, rhos, strict=True):
        assert abs(float(np.sum(Vk * a))) < 1e-14
        assert np.allclose(b, r**2 * a, rtol=1e-12, atol=1e-15)


def test_critical_thetas_are_critical() -> None:
    inst = C._k1_instance({"seed": 7, "N": 3, "rho": 2.0})
    ths = C._critical_thetas(inst["Z"], inst["rho"])
    assert len(ths) >= 2  # a minimum and a maximum on the circle
    for th in ths:
        G, _, _, _ = C._k1_fields(th, inst["Z"], inst["rho"], {}, np)
        assert np.hypot(*G) < 1e-12
