"""Video inspection and assembly: probe rendered files and join sections into one mp4."""

from .concat import Cancelled, ConcatResult, concat
from .probe import VideoError, VideoInfo, probe, read_frame, read_frames

__all__ = [
    "Cancelled",
    "ConcatResult",
    "VideoError",
    "VideoInfo",
    "concat",
    "probe",
    "read_frame",
    "read_frames",
]
