"""Outline and storyboard: the contracts between the Planner, the parser and the Coder."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .visuals import ACTION_KINDS, EquationVisual, Visual


class OutlineSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int = Field(ge=1)
    title: str = Field(min_length=1)
    content: str = ""
    example: str = ""


class Outline(BaseModel):
    """Planner step 1: what the lesson covers, section by section."""

    model_config = ConfigDict(extra="forbid")
    topic: str = Field(min_length=1)
    audience: str = "general"
    sections: list[OutlineSection] = Field(min_length=1)


class LectureLine(BaseModel):
    """One short line shown on screen, with what is said and shown while it is current.

    The design notes keep lines, narration and visuals in parallel lists; nesting them per line
    makes it impossible for them to drift apart when a user edits one of them.
    """

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, description="On-screen lecture line (short).")
    narration: str | None = Field(default=None, description="Spoken sentence; default: the text.")
    visuals: list[Visual] = Field(default_factory=list)
    notes: str | None = Field(default=None, description="Free-text animation notes for the Coder.")


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int = Field(ge=1)
    title: str = Field(min_length=1)
    lecture_lines: list[LectureLine] = Field(min_length=1)
    summary: str | None = Field(default=None, description="What the section teaches (not shown).")

    @model_validator(mode="after")
    def _references(self) -> Section:
        """Ids are unique; highlight/transform refer to a visual shown earlier in the section."""
        seen: dict[str, str] = {}
        for i, line in enumerate(self.lecture_lines, start=1):
            for v in line.visuals:
                if v.kind in ACTION_KINDS:
                    target = v.target  # type: ignore[union-attr]
                    if target not in seen:
                        known = ", ".join(sorted(seen)) or "none yet"
                        raise ValueError(
                            f"line {i}: {v.kind} refers to '{target}', which is not the id of an "
                            f"earlier visual in this section (ids so far: {known})"
                        )
                    if v.kind == "transform" and seen[target] != "equation":
                        raise ValueError(
                            f"line {i}: transform needs an equation, '{target}' is a {seen[target]}"
                        )
                if v.id is not None:
                    if v.id in seen and v.kind not in ACTION_KINDS:
                        raise ValueError(f"line {i}: the id '{v.id}' is used twice")
                    seen[v.id] = "equation" if isinstance(v, EquationVisual) else v.kind
        return self


class Storyboard(BaseModel):
    """Planner step 2 (or the lesson parser): everything the Coder needs, per section."""

    model_config = ConfigDict(extra="forbid")
    topic: str = Field(min_length=1)
    audience: str = "general"
    language: str = Field(default="en", description="BCP 47 code of the on-screen language.")
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Storyboard:
        ids = [s.id for s in self.sections]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"section ids must be unique, repeated: {dupes}")
        return self

    def section(self, section_id: int) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(f"no section {section_id} (sections: {[s.id for s in self.sections]})")
