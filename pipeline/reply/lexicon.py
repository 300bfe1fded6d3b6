"""The reply lexicon (``reply.toml``), validated on load, and the patterns built from it.

Every cue list is words plus regular expressions; a pattern that does not compile, a
category form listed twice or an outcome no record knows fails on load, naming the entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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

    @cached_property
    def local(self) -> tuple[bool, ...]:
        """For each of :attr:`parts`, whether it matches a piece of text the same wherever
        the piece stands (no anchor, no look-around): then it matches a sentence only if it
        matches the document's sentences joined (see :func:`pipeline.reply.cues.boilerplate_flags`)."""
        return tuple(_local(p.pattern) for p in self.parts)


def _local(pattern: str) -> bool:
    """Whether ``pattern`` has no anchor (``^ $ \\A \\Z \\b \\B``) nor look-around outside a
    character class. A class misread (``[]…]``) can only make it answer False, the safe answer."""
    for i, token in _outside_classes(pattern):
        if token in ("^", "$", "\\A", "\\Z", "\\b", "\\B") or pattern.startswith(("(?=", "(?!", "(?<"), i):
            return False
    return True


def _anchored(pattern: str) -> bool:
    """Whether ``pattern`` is ``^`` followed by a pattern with no ``|`` outside a group or class."""
    if not pattern.startswith("^"):
        return False
    depth = 0
    for _, token in _outside_classes(pattern):
        if token in ("(", ")"):
            depth += 1 if token == "(" else -1
        elif token == "|" and depth == 0:
            return False
    return True


def _outside_classes(pattern: str) -> Iterator[tuple[int, str]]:
    """Where each token of ``pattern`` outside its character classes stands, and the token: a
    character, or an escape (``\\b``, ``\\(``) as the backslash and the character after it."""
    in_class, escaped = False, False
    for i, ch in enumerate(pattern):
        if escaped:
            escaped = False
            if not in_class:
                yield i - 1, "\\" + ch
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            yield i, ch


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
