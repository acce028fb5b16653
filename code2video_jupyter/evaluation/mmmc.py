"""The MMMC benchmark's topics and TeachQuiz question bank, shipped with the package.

Data: showlab/Code2Video (MIT, copyright (c) 2025 Anno Yanzhe Chen); see ``data/README.md``
and ``data/LICENSE``. A topic is named by a stable key (a slug of its title plus a hash of it),
never by its position, so that selecting other topics or reordering them never mixes results.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, Field

from ..store.hashing import sha

Letter = Literal["A", "B", "C", "D"]
LETTERS: tuple[str, ...] = ("A", "B", "C", "D")
ATTRIBUTION = ("MMMC topics and quiz bank: showlab/Code2Video (arXiv 2510.01174), MIT licence, "
               "copyright (c) 2025 Anno Yanzhe Chen")


def slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return s[:limit].strip("-") or "topic"


def topic_key(topic: str) -> str:
    """Folder name of a topic: readable and stable (slug + 8 hex digits of the full title)."""
    return f"{slug(topic)}-{sha(topic.strip())[:8]}"


class QuizQuestion(BaseModel):
    question: str
    options: dict[str, str] = Field(description="Letter -> option text, A..D.")
    answer: Letter

    def shuffled(self, seed: str) -> QuizQuestion:
        """The same question with its options in a fixed pseudo-random order (seeded by
        ``seed`` and the question): the letters change, the correct option stays correct."""
        letters = sorted(self.options)
        order = letters[:]
        random.Random(sha(seed, self.question)).shuffle(order)
        options = {new: self.options[old] for new, old in zip(letters, order, strict=True)}
        answer = letters[order.index(self.answer)]
        return QuizQuestion(question=self.question, options=options, answer=answer)


class Topic(BaseModel):
    key: str
    number: int = Field(description="1-based position in the MMMC list (for --topic-ids).")
    title: str
    questions: list[QuizQuestion]


def _read(name: str) -> object:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


@cache
def load_topics() -> tuple[Topic, ...]:
    """The 117 MMMC topics, each with its questions, in the published order."""
    titles = _read("topics.json")
    bank = _read("quiz_bank.json")
    assert isinstance(titles, list) and isinstance(bank, dict)
    missing = [t for t in titles if t not in bank]
    if missing:
        raise ValueError(f"quiz bank has no questions for {len(missing)} topics, e.g. {missing[0]!r}")
    return tuple(
        Topic(key=topic_key(t), number=i, title=t,
              questions=[QuizQuestion.model_validate(q) for q in bank[t]])
        for i, t in enumerate(titles, 1))


def select_topics(topics: Iterable[Topic] | None = None, *, count: int | None = None,
                  ids: Iterable[str] | None = None) -> list[Topic]:
    """Topics chosen by ``ids`` (keys, 1-based numbers or exact titles) or the first ``count``;
    all of them by default. Unknown ids are an error that names them."""
    pool = list(topics if topics is not None else load_topics())
    if ids:
        by = {}
        for t in pool:
            by[t.key] = by[str(t.number)] = by[t.title.casefold()] = t
        chosen, unknown = [], []
        for raw in ids:
            t = by.get(str(raw).strip()) or by.get(str(raw).strip().casefold())
            if t is None:
                unknown.append(str(raw))
            elif t not in chosen:
                chosen.append(t)
        if unknown:
            raise ValueError(f"unknown MMMC topic ids: {', '.join(unknown)} (use a number 1-"
                             f"{len(pool)}, a key such as {pool[0].key}, or a title)")
        return chosen
    return pool[:count] if count is not None else pool


def answer_key_skew(topics: Iterable[Topic] | None = None) -> dict[str, int]:
    """How often each letter is the correct one (the published key is far from uniform)."""
    counts = dict.fromkeys(LETTERS, 0)
    for t in topics if topics is not None else load_topics():
        for q in t.questions:
            counts[q.answer] += 1
    return counts
