"""How a claim's checks are declared and bound to its catalog ID.

A claim implementation states the statement *as printed* as a :class:`Variant` (its LaTeX
plus the parameters the checks read), optionally a ``corrected`` variant (the erratum) and
named ``perturbations`` (wrong sign, factor, exponent, missing projection). Each check is a
function ``check(variant, ctx) -> Evidence``: the *same* function decides the printed
statement, the corrected one and every perturbation, so a perturbed statement is rejected
by the very check that accepts the printed one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from verify.context import Context
from verify.verdicts import Evidence

CheckFn = Callable[["Variant", Context], Evidence]


@dataclass(frozen=True)
class Variant:
    """One statement of a claim: the printed one, the corrected one, or a perturbation."""

    name: str
    tex: str
    params: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)


@dataclass(frozen=True)
class Check:
    """A named check: ``fn(variant, ctx)`` returns one Evidence."""

    name: str
    method: str
    fn: CheckFn


@dataclass
class Implementation:
    """The checks of one or more catalog IDs."""

    ids: tuple[str, ...]
    printed: Variant
    checks: list[Check]
    corrected: Variant | None = None
    perturbations: list[Variant] = field(default_factory=list)
    #: which checks are expected to reject each perturbation (default: every check)
    rejected_by: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: str = ""

    def variants(self) -> list[Variant]:
        out = [self.printed]
        if self.corrected is not None:
            out.append(self.corrected)
        return out + list(self.perturbations)

    def checks_rejecting(self, perturbation: str) -> list[Check]:
        names = self.rejected_by.get(perturbation)
        return [c for c in self.checks if names is None or c.name in names]


_IMPLEMENTATIONS: dict[str, Implementation] = {}


def implements(*ids: str, **kwargs: Any) -> Callable[[Callable[[], Implementation]], Any]:
    """Register the implementation built by the decorated factory for ``ids``.

    The factory takes no arguments and returns an :class:`Implementation`; its ``ids``
    field is filled in here. An ID can be implemented once only.
    """

    def deco(factory: Callable[[], Implementation]) -> Callable[[], Implementation]:
        impl = factory()
        impl.ids = ids
        for cid in ids:
            if cid in _IMPLEMENTATIONS:
                raise ValueError(f"claim {cid} is implemented twice")
            _IMPLEMENTATIONS[cid] = impl
        return factory

    return deco


def implementations() -> dict[str, Implementation]:
    """Every registered implementation, keyed by claim ID (imports ``verify.claims``)."""
    import verify.claims  # noqa: F401  (registers the implementations)

    return dict(_IMPLEMENTATIONS)


def symbolic(name: str, fn: CheckFn) -> Check:
    return Check(name, "symbolic", fn)


def prop(name: str, fn: CheckFn) -> Check:
    return Check(name, "property", fn)


def statistical(name: str, fn: CheckFn) -> Check:
    return Check(name, "statistical", fn)


def experiment(name: str, fn: CheckFn) -> Check:
    return Check(name, "experiment", fn)
