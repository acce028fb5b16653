"""code2video-jupyter: a topic or a lesson outline in a notebook cell -> an educational Manim video.

Importing this package is cheap: manim is loaded only by the sandboxed render workers.
"""

__version__ = "0.1.0"
