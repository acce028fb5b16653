"""The Critic: a deterministic layout probe (no model), keyframes with the anchor grid.

``probe_scene`` runs a scene in the sandbox and returns a ``LayoutReport``; ``check_snapshots``
is the pure-geometry half, usable on recorded snapshots. The child-side recorder
(``sandbox.snapshot``) imports manim and is loaded only inside the sandbox.
"""

from .findings import FINDING_KINDS, Finding, LayoutReport, MobjectRef
from .probe import check_snapshots, judge_state, probe_scene

__all__ = ["FINDING_KINDS", "Finding", "LayoutReport", "MobjectRef", "check_snapshots",
           "judge_state", "probe_scene"]
