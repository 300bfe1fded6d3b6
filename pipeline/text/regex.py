"""Regex fragments built from word lists: the one place that turns a lexicon into a pattern.

Every room builds its patterns from its lexicon's words with these, so that "longest word
first" and escaping mean the same everywhere:

>>> alternation(["超", "超过"])
'超过|超'
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _longest_first(words: Iterable[object]) -> list[str]:
    return sorted({str(w) for w in words}, key=lambda w: (-len(w), w))


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of literal words, longest first (so 超过 beats 超).

    A plain alternation of literals lets the regex engine skip in C every position no word
    can start at; :func:`trie_alternation` matches the same words and is faster for a long
    list tried at a few positions."""
    return "|".join(re.escape(w) for w in _longest_first(words))


def trie_alternation(words: Iterable[object]) -> str:
    """The words of :func:`alternation` as a trie behind a look-ahead on their first
    characters: ``(?=[提增])(?:提(?:升(?:至|到)?|高)|增…)``. Same matches; most positions
    cost one character-class test, where a plain alternation of 200 verbs tries each."""
    trie = _trie(words)
    first = "".join(re.escape(ch) for ch in sorted(trie))
    return f"(?=[{first}]){_trie_pattern(trie)}"


def trie_scan(words: Iterable[object]) -> str:
    """The trie of :func:`trie_alternation` without its look-ahead, for a pattern that IS
    the trie and is searched (``search``, ``finditer``, ``sub``): an alternation whose
    branches each begin with a literal gives the regex engine the class of their first
    characters, which it scans for in C; a leading look-ahead makes it try the pattern at
    every character. Same matches (the look-ahead only restates the first characters).

    >>> trie_scan(["提升", "提高", "增加"])
    '(?:增加|提(?:升|高))'
    """
    trie = _trie(words)
    if "" in trie:
        raise ValueError("trie_scan: an empty word would match everywhere")
    return _trie_pattern(trie)


def _trie(words: Iterable[object]) -> dict[str, dict[str, object]]:
    trie: dict[str, dict[str, object]] = {}
    for word in _longest_first(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}
    return trie


def _trie_pattern(node: dict[str, dict[str, object]]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]  # type: ignore[arg-type]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def rest_alternation(words: Iterable[object]) -> str:
    """The words as an alternation to match after their first character has been read:
    ``(?<=星)期|(?<=礼)拜|(?<=周)`` — each branch checks that character by a lookbehind.
    Longest word first, as :func:`alternation`."""
    return "|".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in _longest_first(words))


def first_char_alternation(words: Iterable[object], *, not_after: str) -> str:
    """``(?<![not_after])(?:w1|w2…)`` rewritten to begin with the class of the words' first
    characters: ``[星礼周](?<![…].)(?:(?<=星)期|(?<=礼)拜|(?<=周))``. The regex engine scans
    for a leading class in C, where a leading lookbehind has it try the pattern at every
    character. Same matches."""
    items = _longest_first(words)
    firsts = "".join(sorted({re.escape(w[0]) for w in items}))
    return f"[{firsts}](?<![{not_after}].)(?:{rest_alternation(items)})"


def lead_class_alternation(words: Iterable[object], *, optional_lead: str) -> str:
    """``每?(?:w1|w2…)`` (``optional_lead`` a character no word begins with) rewritten to
    begin with a class, which the regex engine scans for in C where a leading optional
    character has it try the pattern at every character:
    ``[周星每礼](?:(?<=每)(?:星期|礼拜|周)|(?<=星)期|(?<=礼)拜|(?<=周))``. Same matches: a
    match that reads the lead can never read a word instead at the same place."""
    items = _longest_first(words)
    if len(optional_lead) != 1 or any(w[:1] in ("", optional_lead) for w in items):
        raise ValueError(f"lead_class_alternation: {optional_lead!r} must be one character no word begins with")
    firsts = "".join(sorted({re.escape(w[0]) for w in items} | {re.escape(optional_lead)}))
    lead = f"(?<={re.escape(optional_lead)})(?:{alternation(items)})"
    return f"[{firsts}](?:{lead}|{rest_alternation(items)})"


def spaced_alternation(words: Iterable[object]) -> str:
    """The words of :func:`alternation`, each in any spacing between its characters, as
    page headers and forms space out labels: ``spaced_alternation(["电话"])`` matches
    电话 and 电 话 (``电[ \t]*+话``)."""
    return "|".join(r"[ \t]*+".join(re.escape(c) for c in w) for w in _longest_first(words))


def char_class(chars: Iterable[str]) -> str:
    """A character class of literal characters: ``char_class("“「")`` → ``[“「]``."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"
