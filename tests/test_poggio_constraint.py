"""Unit tests of numeric.poggio_constraint (steps and flows under a unit-norm constraint)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from numeric import poggio_constraint as pc
from numeric import relunet as rn


@pytest.mark.parametrize("p", [1.0, 1.5, 2.0, 3.0, math.inf])
def test_lp_normal_matches_central_differences(p: float) -> None:
    rng = np.random.default_rng(3490)
    u = rng.standard_normal(5)
    h = 1e-6
    fd = np.array([(pc.lp_norm(u + h * e, p) - pc.lp_norm(u - h * e, p)) / (2 * h)
                   for e in np.eye(5)])
    assert np.allclose(pc.lp_normal(u, p), fd, atol=1e-7)


@pytest.mark.parametrize("p", [1.5, 2.0, 3.0, 4.0])
def test_steps_stay_on_the_unit_sphere(p: float) -> None:
    rng = np.random.default_rng(3491)
    u = rng.standard_normal(4)
    u /= pc.lp_norm(u, p)
    g = rng.standard_normal(4)
    for step in (pc.coef_norm_step(u, g, 0.1, p), pc.lagrange_step(u, g, 0.1, p)):
        assert abs(pc.lp_norm(step, p) - 1.0) < 1e-13
    v = pc.lp_normal(u, p)
    assert abs(float(v @ pc.project(v, g))) < 1e-13


def test_alpha_51_solves_eq50() -> None:
    rng = np.random.default_rng(3492)
    V = rng.standard_normal(3)
    V /= np.linalg.norm(V)
    g = 0.3 * rng.standard_normal(3) / math.sqrt(3)
    a = pc.alpha_51(V, g)
    assert abs(np.linalg.norm(a * V + g) - 1.0) < 1e-14
    assert abs(pc.lagrange_step(V, g, 1.0, 2.0) @ pc.lagrange_step(V, g, 1.0, 2.0) - 1) < 1e-14


def test_geodesic_step_is_unit_and_tangent_to_first_order() -> None:
    rng = np.random.default_rng(3493)
    u = rng.standard_normal(4)
    u /= np.linalg.norm(u)
    g = rng.standard_normal(4)
    mu = 1e-6
    s = pc.geodesic_step(u, g, mu)
    assert abs(np.linalg.norm(s) - 1.0) < 1e-14
    assert np.linalg.norm(s - pc.tangent_step(u, g, mu, 2.0)) < 10 * mu**2 * (g @ g)


@pytest.mark.parametrize(("p", "sign"), [(2.0, 1.0), (3.0, -1.0)])
def test_linear2_rhs_matches_generic_rhs(p: float, sign: float) -> None:
    rng = np.random.default_rng(3494)
    W = rn.random_net(3, [2], rng)
    X = rng.standard_normal((4, 3))
    y = np.where(rn.forward(W, X, "linear") >= 0, 1.0, -1.0)
    rhos, V = rn.normalize(W, p)
    z = np.concatenate([np.log(np.asarray(rhos, dtype=np.float64)), rn.flatten(V)])
    shapes = [(2, 3), (1, 2)]
    a = pc.lagrange_flow_rhs(shapes, X, y, p, "linear", sign)(0.0, z)
    b = pc.linear2_flow_rhs(3, 2, X, y, p, sign)(0.0, z)
    assert np.allclose(a, b, rtol=1e-13, atol=1e-15)
    # λ keeps ‖V_k‖_p^p stationary: d/dt Σ|V|^p = p Σ sign(V)|V|^{p-1} V̇ = 0
    Vdot = rn.unflatten(b[2:], shapes)
    for Vk, Dk in zip(V, Vdot, strict=True):
        assert abs(float(np.sum(pc.signed_power(Vk, p - 1) * Dk))) < 1e-12


@pytest.mark.parametrize(("basis", "p", "conserved"), [("v", 3.0, True), ("u", 2.0, True),
                                                       ("u", 3.0, False)])
def test_tangent_rhs_conservation(basis: str, p: float, conserved: bool) -> None:
    rng = np.random.default_rng(3495)
    A = rng.standard_normal((4, 4))
    u = rng.standard_normal(4)
    u /= pc.lp_norm(u, p)
    rate = float(pc.lp_normal(u, p) @ pc.tangent_rhs(A, p, basis)(0.3, u))
    assert (abs(rate) < 1e-13) == conserved
