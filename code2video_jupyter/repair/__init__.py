"""Scope-guided repair: the static gate, the deterministic fixers, the fix scopes."""

from .gate import GateIssue, GateReport, check_source
from .namespace import Namespace, load_namespace
from .runtime_fixes import runtime_fix
from .scopes import LEVELS, Scope, scopes_for, splice
from .static_fixes import Fix, FixResult, fix_source

__all__ = ["LEVELS", "Fix", "FixResult", "GateIssue", "GateReport", "Namespace", "Scope",
           "check_source", "fix_source", "load_namespace", "runtime_fix", "scopes_for", "splice"]
