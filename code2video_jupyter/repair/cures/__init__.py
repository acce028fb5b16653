"""Cures for classes of runtime errors, one module per class (see runtime_fixes)."""
