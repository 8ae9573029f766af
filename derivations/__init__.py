"""SymPy derivations: one module per topic; each derivation is named steps ending in a residual.

``derivations`` never imports ``verify`` (the flow is one way: verify -> derivations).
"""

from derivations.core import Derivation, Step, is_zero, nonzero_witness, relu

__all__ = ["Derivation", "Step", "is_zero", "nonzero_witness", "relu"]
