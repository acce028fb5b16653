"""Evaluation of generated videos, as in the Code2Video paper and more robustly:

- ``mmmc``: the MMMC topics and TeachQuiz question bank (shipped, MIT, attributed);
- ``offline``: model-free measures of any run (render success, layout findings per minute,
  duration, lecture lines shown);
- ``efficiency``: time, tokens, cost, model calls, fix rounds, fallbacks of a run;
- ``aesthetics``: a vision model as judge, five dimensions x 20 points;
- ``teachquiz``: baseline / unlearned / relearned quizzes, strict answer parsing;
- ``batch`` and ``runner``: many topics in parallel (local pool or Dask), resumable;
- ``report``: markdown, JSON and PNG plots, the paper's Table 1 beside ours.

Importing this package is cheap: litellm, matplotlib, Dask and manim are imported on use.
"""

from .mmmc import ATTRIBUTION, QuizQuestion, Topic, load_topics, select_topics, topic_key

__all__ = ["ATTRIBUTION", "QuizQuestion", "Topic", "load_topics", "select_topics", "topic_key"]
