"""The run context a check receives: scale, backend namespace, root seed, time budget."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from numeric import get_backend

SCALES = ("quick", "full", "gpu")


@dataclass
class Context:
    """What a check may read: ``scale`` (quick|full|gpu), ``backend`` name and namespace
    ``xp``, the root ``seed``, an optional per-claim time budget in seconds and an optional
    user ``data`` file."""

    scale: str = "quick"
    backend: str = "numpy"
    seed: int = 0
    budget: float | None = None
    xp: Any = field(default=None, repr=False)
    #: hypothesis seed -> a stored example: property checks with that seed run it alone
    #: (``wnverify show ID --recheck`` reproduces a counterexample this way)
    replay: dict[int, Any] | None = field(default=None, repr=False)
    #: a user data file (MNIST, ``--data``) for the claims that train on real data
    data: str | None = None
    started: float = field(default_factory=time.monotonic, repr=False)

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"unknown scale {self.scale!r}; choose one of {', '.join(SCALES)}")
        if self.xp is None:
            self.xp = get_backend(self.backend)

    def pick(self, quick: Any, full: Any, gpu: Any = None) -> Any:
        """A scale-dependent setting."""
        if self.scale == "quick":
            return quick
        if self.scale == "gpu" and gpu is not None:
            return gpu
        return full

    def rng(self, salt: int) -> np.random.Generator:
        """A generator seeded from the root seed and a per-check salt (reproducible)."""
        return np.random.default_rng(np.random.SeedSequence([self.seed, salt]))

    def asarray(self, a: Any) -> Any:
        """A NumPy array (or nested lists) as a float64 array of this run's backend."""
        return self.xp.asarray(np.asarray(a, dtype=np.float64), dtype=self.xp.float64)

    def time_left(self) -> float | None:
        if self.budget is None:
            return None
        return self.budget - (time.monotonic() - self.started)
