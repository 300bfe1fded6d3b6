"""The structure lexicon (``resources/structure.toml``), validated on load, loaded once."""

from __future__ import annotations

from functools import cache

from pydantic import field_validator, model_validator

from pipeline.records import OUTLINE_STYLES, DocKind, OutlineStyle
from pipeline.resources import Lexicon, load

RESOURCE = "structure.toml"


class RoleEntry(Lexicon):
    role: str
    kind: DocKind


class RoleMisc(Lexicon):
    honorifics: list[str]
    collective: list[str]
    handle_role: str
    handle_kind: DocKind


class Roles(Lexicon):
    after_name: dict[str, RoleEntry]
    standalone: dict[str, RoleEntry]
    misc: RoleMisc


class Kinds(Lexicon):
    title: list[tuple[str, DocKind]]
    opening: list[tuple[str, DocKind]]
    opening_window: int


class Header(Lexicon):
    title_cues: list[str]
    title_openers: list[str]
    title_labels: list[str]
    organs: list[str]
    organ_short: dict[str, str]
    levels: list[str]
    proposal_words: list[str]
    proposal_verbs: list[str]
    max_blocks: int
    max_page_blocks: int
    count_words: list[str]

    @model_validator(mode="after")
    def _short_names_name_organs(self) -> Header:
        unknown = sorted(set(self.organ_short) - set(self.organs))
        if unknown:
            raise ValueError(f"organ_short names {unknown}, which are not in organs")
        return self


class Agency(Lexicon):
    suffixes: list[str]
    stop_words: list[str]
    min_len: int
    max_len: int


class Contact(Lexicon):
    person: list[str]
    person_and_phone: list[str]
    unit: list[str]
    phone: list[str]
    unit_suffixes: list[str]


class Closing(Lexicon):
    page_notes: list[str]
    cc_labels: list[str]
    date_may_follow: list[str]
    admin_labels: list[str]
    category_labels: list[str]
    categories: list[str]


class Page(Lexicon):
    chrome: list[str]
    footer: list[str]
    date_labels: list[str]
    stray_max: int
    bullets: str


class Outline(Lexicon):
    order: list[OutlineStyle]

    @field_validator("order")
    @classmethod
    def _every_style_once(cls, order: list[OutlineStyle]) -> list[OutlineStyle]:
        if sorted(order) != sorted(OUTLINE_STYLES):
            raise ValueError(f"must list each of {OUTLINE_STYLES} once, got {order}")
        return order


class Numerals(Lexicon):
    """What the outline and signature dates write beside the numerals of ``numerals.toml``."""

    months: dict[str, int]
    circled: str

    @field_validator("months")
    @classmethod
    def _months_in_range(cls, months: dict[str, int]) -> dict[str, int]:
        for name, value in months.items():
            if not 1 <= value <= 12:
                raise ValueError(f"month {name!r} = {value}: 1–12 expected")
        return months


class StructureLexicon(Lexicon):
    roles: Roles
    kinds: Kinds
    header: Header
    agency: Agency
    contact: Contact
    closing: Closing
    page: Page
    outline: Outline
    numerals: Numerals

    @model_validator(mode="after")
    def _no_empty_words(self) -> StructureLexicon:
        words = [*self.agency.suffixes, *self.header.title_cues, *self.closing.page_notes,
                 *self.page.chrome, *self.page.footer, *self.page.date_labels]
        if any(not w.strip() for w in words):
            raise ValueError("an empty word in agency.suffixes, header.title_cues, closing.page_notes or page")
        return self


@cache
def lexicon() -> StructureLexicon:
    """The validated structure lexicon (read once)."""
    return load(RESOURCE, StructureLexicon)
