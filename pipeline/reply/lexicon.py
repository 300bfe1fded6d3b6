"""The reply lexicon (``reply.toml``), validated on load, and the patterns built from it.

Every cue list is words plus regular expressions; a pattern that does not compile, a
category form listed twice or an outcome no record knows fails on load, naming the entry.
"""

from __future__ import annotations

import re
from functools import cached_property

from pydantic import model_validator

from pipeline.records import OUTCOMES, Outcome
from pipeline.resources import Lexicon, load
from pipeline.text.regex import alternation


class CueList(Lexicon):
    words: list[str]
    patterns: list[str]
    blockers: list[str]

    @model_validator(mode="after")
    def _compiles(self) -> CueList:
        for p in self.patterns:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"pattern {p!r}: {e}") from e
        return self

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Words and patterns as one alternation, words longest first."""
        parts = [alternation(self.words)] if self.words else []
        parts += [f"(?:{p})" for p in self.patterns]
        return re.compile("|".join(parts) or r"(?!)")

    @cached_property
    def parts(self) -> tuple[re.Pattern[str], ...]:
        """The parts of :attr:`regex` in order (the words' alternation, then each pattern),
        to search one by one (see :func:`pipeline.reply.cues.read_spans`)."""
        words = [re.compile(alternation(self.words))] if self.words else []
        return (*words, *(re.compile(p) for p in self.patterns))

    @cached_property
    def blocked(self) -> re.Pattern[str] | None:
        return re.compile(alternation(self.blockers)) if self.blockers else None


class Scheme(Lexicon):
    name: str
    letters: bool  # single characters that need a label, 类 or brackets around them
    forms: dict[str, Outcome]


class Categories(Lexicon):
    labels: list[str]
    schemes: list[Scheme]

    @model_validator(mode="after")
    def _one_scheme_per_form(self) -> Categories:
        seen: dict[str, str] = {}
        for scheme in self.schemes:
            for form in scheme.forms:
                if form in seen:
                    raise ValueError(f"category {form!r} in schemes {seen[form]} and {scheme.name}")
                seen[form] = scheme.name
        return self


class Cues(Lexicon):
    solved: CueList
    in_progress: CueList
    reference: CueList
    declined: CueList
    explained: CueList
    referral: CueList


class CommitmentCues(Lexicon):
    vague: list[str]
    promise: list[str]
    concrete: list[str]
    before_verb: list[str]


class Boilerplate(Lexicon):
    max_chars: int
    opening: list[str]
    opening_request: list[str]
    patterns: list[str]

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.patterns))

    @cached_property
    def parts(self) -> tuple[re.Pattern[str], ...]:
        """:attr:`regex` as patterns that find the same sentences, each quick to search: the
        patterns anchored by ``^`` joined under one ``^`` (tried at the start only), then each
        other pattern on its own (each begins with a literal or a class, skipped to in C;
        joined they were tried at every character)."""
        anchored = [p[1:] for p in self.patterns if _anchored(p)]
        parts = [re.compile("^(?:" + "|".join(f"(?:{p})" for p in anchored) + ")")] if anchored else []
        return (*parts, *(re.compile(p) for p in self.patterns if not _anchored(p)))


def _anchored(pattern: str) -> bool:
    """Whether ``pattern`` is ``^`` followed by a pattern with no ``|`` outside a group or class."""
    if not pattern.startswith("^"):
        return False
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            return False
    return True


class CitationKinds(Lexicon):
    law: list[str]
    regulation: list[str]
    plan: list[str]
    document: list[str]
    number_leads: list[str]
    not_law: list[str]


class HandlingWords(Lexicon):
    co: list[str]
    lead_roles: list[str]
    lead_titles: list[str]


class ReplyLexicon(Lexicon):
    categories: Categories
    handling: HandlingWords
    cues: Cues
    commitment: CommitmentCues
    boilerplate: Boilerplate
    citations: CitationKinds

    @model_validator(mode="after")
    def _outcomes_known(self) -> ReplyLexicon:
        for scheme in self.categories.schemes:
            for form, outcome in scheme.forms.items():
                if outcome not in OUTCOMES:
                    raise ValueError(f"category {form!r}: outcome {outcome!r} is none of {', '.join(OUTCOMES)}")
        for p in self.boilerplate.patterns:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"boilerplate pattern {p!r}: {e}") from e
        return self


def lexicon() -> ReplyLexicon:
    """``reply.toml``, validated and cached."""
    return load("reply.toml", ReplyLexicon)
