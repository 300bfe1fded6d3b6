"""A reply's outcome, commitment and referral, decided from its sentences' cues.

The order of the rules is the order of the spec's definitions: a printed category decides
the outcome; else a reply that hands the matter on and says little else is ``referred``; an
explicit refusal is ``declined``; a constraint with nothing done is ``reference``; work
done or under way is ``solved`` or ``in_progress``; anything else ``explained`` (in a reply
to a proposal, which asked for action, ``in_progress``). The commitment follows the outcome
and the promises read (:mod:`pipeline.reply.cues`). The rules in full: ``README.md`` here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.records import Evidence, Outcome, Quantity, Sentence
from pipeline.reply.cues import NO_CUES, SentenceCues, boilerplate_flags, is_opening, read_spans

#: A reply that hands the matter on with at most this many characters of substance besides
#: is ``referred``.
MAX_REFERRED_CHARS = 60


class Read(NamedTuple):
    """One sentence of the body with its cues; ``boilerplate`` when it is a set formula (a
    tuple: one is made per sentence, and a frozen dataclass cost three times as much)."""

    sentence: Sentence
    cues: SentenceCues
    boilerplate: bool
    dated: bool  # holds a quantity (a date, an amount) that makes a promise concrete


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    commitment: int
    referral: bool
    evidence: list[Evidence]


def read_sentences(text: str, sentences: Sequence[Sentence], quantities: Sequence[Quantity]) -> list[Read]:
    """Each sentence outside the closing with its cues (``text``: the one the sentences index)."""
    measured = {q.sentence_id for q in quantities if q.sentence_id and q.type not in ("phone", "number")}
    kept = [s for s in sentences if not s.id.startswith("c")]
    cues = read_spans(text, [(s.start, s.end) for s in kept])
    formulae = boilerplate_flags([s.text for s in kept])
    return [Read(s, c, f, s.id in measured) for s, c, f in zip(kept, cues, formulae, strict=True)]


def decide(reads: Sequence[Read], stated: Outcome | None = None, *, proposal: bool = False) -> Decision:
    """The outcome (``stated`` where a category is printed), commitment and referral of a reply.

    ``proposal``: the reply answers a proposal or suggestion (a request for action), where
    a reply without cues is taken to report work under way, not to explain.
    """
    cued = [r for r in reads if r.cues is not NO_CUES]  # nine sentences in ten have no cue: they decide nothing
    referral = [r for r in cued if r.cues.has("referral") and not is_opening(r.sentence.text)]
    body = [r for r in cued if not r.boilerplate and not r.cues.has("referral")]
    by_label = {label: [r for r in body if r.cues.outcome[label]]
                for label in ("solved", "in_progress", "reference", "declined", "explained")}
    outcome: Outcome | None = stated
    deciding: list[tuple[Read, str]] = []
    if outcome is None:
        outcome, deciding = _outcome(referral, _substance(reads) if referral else 0, by_label, proposal)
    promises = [r for r in body if r.cues.commitment.step is not None]
    commitment, why = _commitment(outcome, promises, by_label)
    evidence = [Evidence(decides="outcome", sentence_id=r.sentence.id, cues=_cue_words(r, key))
                for r, key in deciding]
    evidence += [Evidence(decides="commitment", sentence_id=r.sentence.id, cues=words) for r, words in why]
    return Decision(outcome, commitment, bool(referral), evidence)


def _substance(reads: Sequence[Read]) -> int:
    """The characters of the sentences that are neither set formulae nor hand-overs."""
    return sum(len(r.sentence.text) for r in reads if not r.boilerplate and not r.cues.has("referral"))


def _outcome(referral: list[Read], substance: int, by_label: dict[str, list[Read]],
             proposal: bool) -> tuple[Outcome, list[tuple[Read, str]]]:
    solved, progress, explained = by_label["solved"], by_label["in_progress"], by_label["explained"]
    declined, reference = by_label["declined"], by_label["reference"]
    if referral and substance <= MAX_REFERRED_CHARS and not solved and not progress:
        return "referred", [(r, "referral") for r in referral]
    if declined and len(declined) >= len(solved):
        return "declined", [(r, "declined") for r in declined]
    if reference and len(reference) >= len(solved) and 2 * len(reference) >= len(progress):
        return "reference", [(r, "reference") for r in reference]
    if solved and (len(solved) > len(progress) or (len(solved) == len(progress) and not proposal)):
        return "solved", [(r, "solved") for r in solved]
    if progress and (proposal or len(progress) > len(explained)):
        return "in_progress", [(r, "in_progress") for r in progress]
    if proposal:
        return "in_progress", [(r, "in_progress") for r in progress]
    return "explained", [(r, "explained") for r in explained]


def _commitment(outcome: Outcome, promises: list[Read],
                by_label: dict[str, list[Read]]) -> tuple[int, list[tuple[Read, list[str]]]]:
    if outcome in ("referred", "declined"):
        return 1, []
    if outcome == "reference":
        return 2, [(r, r.cues.outcome["reference"]) for r in by_label["reference"]]
    # concrete: a promise with a deadline, or a promise or work under way stated with figures or dates
    concrete = [r for r in promises if r.cues.commitment.step == 5 or r.dated]
    listed = {id(r) for r in concrete}  # by identity: comparing Reads compares their sentences, field by field
    concrete += [r for r in by_label["in_progress"] if r.dated and id(r) not in listed]
    if outcome == "solved" or (outcome == "in_progress" and (concrete or by_label["solved"])):
        why = concrete or by_label["solved"] or by_label["in_progress"]
        return 5, [(r, r.cues.commitment.concrete or r.cues.outcome["solved"] or r.cues.outcome["in_progress"])
                   for r in why]
    if outcome == "in_progress" or promises:  # work under way without how or when, or a promise without either
        return 4, [(r, r.cues.commitment.vague or r.cues.commitment.promise) for r in promises]
    return 3, []


def _cue_words(read: Read, label: str) -> list[str]:
    return list(read.cues.outcome.get(label, []))
