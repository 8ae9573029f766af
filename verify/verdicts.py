"""Verdicts, evidence and errata: the record the suite keeps for each claim (DESIGN.md).

A check returns one :class:`Evidence`; a claim's verdict is combined from its evidence by
:func:`combine`. Nothing here runs mathematics.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

VERDICTS = (
    "proved",
    "confirmed",
    "refuted",
    "inconclusive",
    "assumption-unmet",
    "not-checkable",
    "error",
    "missing",
)
METHODS = ("symbolic", "property", "statistical", "experiment")

#: verdicts that count as "the claim holds"
VERIFIED = frozenset({"proved", "confirmed"})


@dataclass
class Evidence:
    """One check's outcome, with the fields of ``audit.json`` (DESIGN.md)."""

    method: str
    verdict: str
    scope: str
    examples: int = 0
    max_error: float | None = None
    tolerance: float | None = None
    seed: int | None = None
    sizes: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown evidence method {self.method!r}")
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")

    @property
    def counterexample(self) -> dict[str, Any] | None:
        return self.details.get("counterexample")

    def to_json(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        for key in ("max_error", "tolerance"):
            val = out[key]
            if val is not None and not math.isfinite(val):
                out[key] = repr(val)
        return out


@dataclass
class Erratum:
    """A printed statement that is false, the counterexample, and the corrected statement."""

    printed_tex: str
    counterexample: dict[str, Any]
    corrected_tex: str
    corrected_verdict: str
    corrected_evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "printed_tex": self.printed_tex,
            "counterexample": self.counterexample,
            "corrected_tex": self.corrected_tex,
            "corrected_verdict": self.corrected_verdict,
            "corrected_evidence": [e.to_json() for e in self.corrected_evidence],
        }


_PRECEDENCE = ("error", "refuted", "inconclusive", "assumption-unmet", "not-checkable")


def combine(evidence: list[Evidence]) -> str:
    """A claim's verdict from its evidence.

    ``error`` beats everything (a crashed check is loud); one confirmed refutation refutes;
    otherwise an unfinished or inapplicable check keeps the claim from being verified.
    When every check passed, the claim is ``proved`` if a symbolic check proved it and
    ``confirmed`` otherwise.
    """
    if not evidence:
        return "missing"
    verdicts = [e.verdict for e in evidence]
    for v in _PRECEDENCE:
        if v in verdicts:
            return v
    if all(v in VERIFIED for v in verdicts):
        return "proved" if "proved" in verdicts else "confirmed"
    raise ValueError(f"cannot combine verdicts {verdicts}")
