"""The LLM gateway: the one place that talks to models (through litellm)."""

from .client import Gateway, Reply
from .errors import (
    BadReply,
    BudgetExceeded,
    GatewayError,
    ModelAuthError,
    ModelUnavailable,
    NoModelError,
)
from .records import CallRecord
from .roles import ROLES, Role, resolve_models

__all__ = [
    "ROLES", "BadReply", "BudgetExceeded", "CallRecord", "Gateway", "GatewayError",
    "ModelAuthError", "ModelUnavailable", "NoModelError", "Reply", "Role", "resolve_models",
]
