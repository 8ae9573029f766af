"""Claim implementations; importing this package registers them all.

Every module of this package whose name does not start with ``_`` is imported, in sorted
order, so a new group of claims is added by adding its module.
"""

import importlib
import pkgutil

__all__ = sorted(
    m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")
)

for _name in __all__:
    importlib.import_module(f"{__name__}.{_name}")
