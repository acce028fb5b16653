"""Video inspection and assembly: probe rendered files and join sections into one mp4."""

from .concat import ConcatResult, concat
from .probe import VideoError, VideoInfo, probe, read_frame, read_frames

__all__ = [
    "ConcatResult",
    "VideoError",
    "VideoInfo",
    "concat",
    "probe",
    "read_frame",
    "read_frames",
]
