"""TeachQuiz: does the video teach? A student model answers a topic's quiz three times:

1. baseline: plainly;
2. unlearned: told to unlearn the topic (to use nothing but the question's text);
3. relearned: unlearned as before, but with the video (its keyframes captioned with their
   lecture lines and narration, or the video itself where the model watches videos).

One call per question and stage. TeachQuiz = relearned accuracy - unlearned accuracy, in points
(-100..100). Unlearning "worked" for a topic when the unlearned accuracy is below the baseline.

Answers are read strictly: only from the reply's ``ANSWER:`` line, which must hold one option
letter (optionally with that option's own text). A letter elsewhere ("I think A is wrong, the
answer is C") is not an answer; ``NONE``, a missing or ambiguous answer line, or
``EVIDENCE: INSUFFICIENT`` count as wrong. A call that fails (the model could not be reached) is
no answer at all: the topic's TeachQuiz is then reported as failed, not scored.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..gateway import Gateway, GatewayError
from ..prompts import render
from .frames import Frame, collect_frames, final_video, frame_parts, video_fits, video_part
from .mmmc import QuizQuestion

Stage = Literal["baseline", "unlearned", "relearned"]
STAGES: tuple[Stage, ...] = ("baseline", "unlearned", "relearned")
STAGE_CALL = {"baseline": "quiz-baseline", "unlearned": "quiz-unlearned", "relearned": "quiz-video"}
Status = Literal["answered", "insufficient", "no_answer", "ambiguous", "invalid", "error"]

_MARK = r"[\s>*_#`-]*"
_ANSWER_LINE = re.compile(rf"^{_MARK}(?:final\s+)?answer{_MARK}[:=]\s*(.*?)\s*$", re.I | re.M)
_EVIDENCE_LINE = re.compile(rf"^{_MARK}evidence(?:_status)?{_MARK}[:=]\s*(.*?)\s*$", re.I | re.M)
_NO_ANSWER = re.compile(r"^(none|null|n/?a|no answer|unknown|insufficient(\s+evidence)?|-+)$", re.I)
_LETTER_ONLY = re.compile(r"^[(\[]?([A-Za-z])[)\].:]?$")
_LETTER_TEXT = re.compile(r"^[(\[]?([A-Za-z])[)\].:]\s+(.+)$", re.S)


class ParsedAnswer(BaseModel):
    letter: str | None = None
    status: Status
    detail: str = ""


def _strip(value: str) -> str:
    return value.strip().strip("*_`\"' ").strip()


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def parse_answer(text: str, options: dict[str, str]) -> ParsedAnswer:
    """The letter in the reply's answer field, strictly (see the module's docstring)."""
    values = [_strip(v) for v in _ANSWER_LINE.findall(text or "")]
    if not values:
        return ParsedAnswer(status="no_answer", detail="no ANSWER line")
    letters: set[str] = set()
    for value in values:
        letter = _letter(value, options)
        if letter is None and not _NO_ANSWER.match(value) and "insufficient" not in value.lower():
            return ParsedAnswer(status="invalid", detail=f"ANSWER is not one option letter: {value[:80]!r}")
        if letter is not None:
            letters.add(letter)
    if len(letters) > 1:
        return ParsedAnswer(status="ambiguous", detail=f"several answers: {', '.join(sorted(letters))}")
    evidence = [_strip(v).lower() for v in _EVIDENCE_LINE.findall(text or "")]
    if any(v.startswith("insufficient") for v in evidence):
        return ParsedAnswer(letter=next(iter(letters), None), status="insufficient",
                            detail="EVIDENCE: INSUFFICIENT")
    if not letters:
        return ParsedAnswer(status="insufficient", detail=f"ANSWER: {values[0][:40]}")
    return ParsedAnswer(letter=letters.pop(), status="answered")


def _letter(value: str, options: dict[str, str]) -> str | None:
    m = _LETTER_ONLY.match(value)
    if m and m.group(1).upper() in options:
        return m.group(1).upper()
    # "C) the option's text" is fine; "A is wrong, the answer is C" is not an answer
    m = _LETTER_TEXT.match(value)
    if m and m.group(1).upper() in options and \
            _norm(_strip(m.group(2))) == _norm(options[m.group(1).upper()]):
        return m.group(1).upper()
    return None


class QuestionResult(BaseModel):
    number: int
    answer: str = Field(description="The correct letter (after any shuffling).")
    given: str | None = None
    status: Status
    correct: bool
    detail: str = ""
    reply: str = Field(default="", description="The reply's first characters, for a look.")


class StageResult(BaseModel):
    stage: Stage
    questions: list[QuestionResult] = Field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def correct(self) -> int:
        return sum(q.correct for q in self.questions)

    @property
    def errors(self) -> int:
        return sum(q.status == "error" for q in self.questions)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total and not self.errors else None


class TeachQuizResult(BaseModel):
    ok: bool
    model: str | None = None
    medium: Literal["keyframes", "video"] | None = None
    frames: int = 0
    shuffled: bool = True
    accuracy: dict[str, float | None] = Field(default_factory=dict, description="Per stage, 0-1.")
    teachquiz: float | None = Field(default=None, description="100 x (relearned - unlearned).")
    unlearning_worked: bool | None = None
    stages: dict[str, StageResult] = Field(default_factory=dict)
    error: str | None = None
    definite: bool = True
    calls: int = 0


def question_block(q: QuizQuestion, number: int) -> str:
    options = "\n".join(f"{k}) {v}" for k, v in sorted(q.options.items()))
    return f"Question {number}: {q.question}\nOptions:\n{options}"


def _letters(q: QuizQuestion) -> str:
    keys = sorted(q.options)
    return ", ".join(keys[:-1]) + f" or {keys[-1]}" if len(keys) > 1 else keys[0]


def teachquiz(gw: Gateway, run: Path | None, topic: str, questions: list[QuizQuestion],
              work_dir: Path, *, shuffle: bool = True, medium: Literal["auto", "keyframes", "video"] = "auto",
              max_frames: int = 24, workers: int = 4) -> TeachQuizResult:
    """The three quizzes of one topic and its TeachQuiz score (see the module's docstring)."""
    try:
        model = gw.model_for("student")
    except GatewayError as e:
        return TeachQuizResult(ok=False, error=str(e), definite=False, shuffled=shuffle)
    qs = [q.shuffled(topic) if shuffle else q for q in questions]
    chosen, video_content, nframes = _video_content(run, work_dir, medium, model, max_frames)
    before = len(gw.records)
    result = TeachQuizResult(ok=False, model=model, medium=chosen, frames=nframes, shuffled=shuffle)
    for stage in STAGES:
        if stage == "relearned" and video_content is None:
            result.error = "the run has no rendered video to learn from"
            result.calls = len(gw.records) - before
            return result
        result.stages[stage] = _ask_stage(gw, stage, topic, qs, video_content, chosen, workers)
        if result.stages[stage].errors:  # no score can come of it: spend no more calls
            break
    result.calls = len(gw.records) - before
    for stage, sr in result.stages.items():
        result.accuracy[stage] = sr.accuracy
    failed = [s for s, sr in result.stages.items() if sr.errors]
    if failed:
        first = next(q for s in failed for q in result.stages[s].questions if q.status == "error")
        result.error = (f"{sum(result.stages[s].errors for s in failed)} quiz calls failed "
                        f"({', '.join(failed)}): {first.detail}")
        result.definite = False
        return result
    a = result.accuracy
    result.teachquiz = round(100 * (a["relearned"] - a["unlearned"]), 6)
    result.unlearning_worked = a["unlearned"] < a["baseline"]
    result.ok = True
    return result


def _video_content(run: Path | None, work_dir: Path, medium: str, model: str, max_frames: int
                   ) -> tuple[Literal["keyframes", "video"] | None, list[dict[str, Any]] | None, int]:
    if run is None:
        return None, None, 0
    if medium in ("auto", "video"):
        from ..gateway.capabilities import capabilities

        video = final_video(run)
        if video is not None and (medium == "video" or (capabilities(model).video and video_fits(video))):
            return "video", [video_part(video)], 0
    frames: list[Frame] = collect_frames(run, work_dir / "keyframes", max_frames)
    if not frames:
        return "keyframes", None, 0
    return "keyframes", frame_parts(frames, with_lines=True), len(frames)


def _messages(stage: Stage, topic: str, q: QuizQuestion, number: int,
              video: list[dict[str, Any]] | None, medium: str | None) -> list[dict[str, Any]]:
    block, letters = question_block(q, number), _letters(q)
    if stage == "baseline":
        return [{"role": "user", "content": render("quiz_baseline", question=block, letters=letters)}]
    if stage == "unlearned":
        return [{"role": "user", "content": render("quiz_unlearn", topic=topic, question=block,
                                                   letters=letters)}]
    note = ("the whole video" if medium == "video" else
            "keyframes in order, one at the end of each lecture line, each captioned with its "
            "section, its lecture line and what the narrator says")
    parts = [{"type": "text", "text": render("quiz_video", topic=topic, medium=note)}, *(video or []),
             {"type": "text", "text": render("quiz_video_question", question=block, letters=letters)}]
    return [{"role": "user", "content": parts}]


def _ask_stage(gw: Gateway, stage: Stage, topic: str, qs: list[QuizQuestion],
               video: list[dict[str, Any]] | None, medium: str | None, workers: int) -> StageResult:
    def ask(item: tuple[int, QuizQuestion]) -> QuestionResult:
        number, q = item
        try:
            reply = gw.complete("student", _messages(stage, topic, q, number, video, medium),
                                stage=STAGE_CALL[stage], section=number)
        except GatewayError as e:
            return QuestionResult(number=number, answer=q.answer, status="error", correct=False,
                                  detail=_first_line(e))
        parsed = parse_answer(reply.text, q.options)
        return QuestionResult(number=number, answer=q.answer, given=parsed.letter, status=parsed.status,
                              correct=parsed.status == "answered" and parsed.letter == q.answer,
                              detail=parsed.detail, reply=reply.text[:400])

    items = list(enumerate(qs, 1))
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(items) or 1)),
                            thread_name_prefix="c2v-quiz") as pool:
        results = list(pool.map(ask, items))
    return StageResult(stage=stage, questions=results)


def _first_line(error: Exception) -> str:
    """The error's first line (a provider's message may carry a whole traceback)."""
    text = str(error).strip()
    return (text.splitlines()[0] if text else type(error).__name__)[:300]
