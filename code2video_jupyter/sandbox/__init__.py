"""Generated or edited code runs only here: in a limited, isolated subprocess."""

from .isolation import probe as probe_isolation
from .render import isolation_report, render_in_sandbox
from .request import Limits, RenderError, RenderRequest, RenderResult
from .runner import SandboxProcess

__all__ = ["Limits", "RenderError", "RenderRequest", "RenderResult", "SandboxProcess",
           "isolation_report", "probe_isolation", "render_in_sandbox"]
