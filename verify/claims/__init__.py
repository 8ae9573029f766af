"""Claim implementations; importing this package registers them all."""

from verify.claims import dukler_init, dukler_kernels, dukler_ntk, dukler_wn

__all__ = ["dukler_init", "dukler_kernels", "dukler_ntk", "dukler_wn"]
