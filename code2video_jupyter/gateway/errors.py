"""What can go wrong when a model is asked, in words a user can act on."""

from __future__ import annotations


class GatewayError(RuntimeError):
    """A model call that could not give a usable answer."""


class NoModelError(GatewayError):
    """No model is configured for a role that needs one."""


class ModelAuthError(GatewayError):
    """The provider refused the credentials (the message names the variable, never the key)."""


class ModelUnavailable(GatewayError):
    """Rate limits, timeouts or server errors that outlasted the retries."""


class BadReply(GatewayError):
    """The answer did not fit the expected shape, even after the repair round."""


class BudgetExceeded(GatewayError):
    """--max-calls or --max-cost reached: the run stops cleanly, results so far are kept."""
