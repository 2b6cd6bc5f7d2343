"""Reading the actor columns: glued codes, "X prin Y", "X - A, B", lists, named groups.

The published text glues codes together ("MAEMRPONG"). Greedy matching splits some of them wrong,
so the cell is segmented as a whole: the lexicon (the plan's own abbreviation list plus the curated
registry's plain names, aliases and known typos) must cover every character, with the fewest names,
and a name may not run on into lower-case letters. Text the lexicon does not cover is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from plan_graph.errors import InputError
from plan_graph.text.records import Abbreviation, ActorItem, Correction, Relation
from plan_graph.text.registry import Actor, TextCorrection


class ActorTextError(InputError):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True)
class Term:
    text: str
    code: str
    ignore_case: bool = False
    correction: TextCorrection | None = None

    @property
    def opens_group(self) -> bool:
        # "Grup de lucru constituit: A, B": the names after the colon are the group's members
        return self.text.endswith(":")


@dataclass(frozen=True)
class Name:
    term: Term
    written: str
    start: int


@dataclass(frozen=True)
class Separator:
    kind: str  # "," "/" " " "-" "prin"; glued names have no separator between them


@dataclass(frozen=True)
class ActorExpression:
    codes: tuple[str, ...]
    groups: tuple[str, ...]
    relations: tuple[Relation, ...]
    corrections: tuple[Correction, ...]
    items: tuple[ActorItem, ...] = ()


_SEPARATORS = [
    (re.compile(r"\s*,\s*"), ","),
    (re.compile(r"\s*/\s*"), "/"),
    (re.compile(r"\s+-\s+"), "-"),
    (re.compile(r"\s+prin\s+"), "prin"),
    (re.compile(r"\s+"), " "),
]


class Lexicon:
    """Every way the plan writes an actor, resolved to a registry code."""

    def __init__(
        self,
        registry: dict[str, Actor],
        abbreviations: list[Abbreviation],
        corrections: list[TextCorrection],
    ) -> None:
        terms: dict[str, Term] = {}
        for actor in registry.values():
            terms[actor.code] = Term(actor.code, actor.code)
            for alias in actor.aliases:
                terms[alias] = Term(alias, actor.code)
        for fix in corrections:
            if fix.corrected in registry:
                terms[fix.written] = Term(fix.written, fix.corrected, correction=fix)
        # a body written out in full ("Serviciul public de asistență socială") is its abbreviation
        for abbreviation in abbreviations:
            if abbreviation.code in registry and abbreviation.name not in terms:
                terms[abbreviation.name] = Term(abbreviation.name, abbreviation.code, ignore_case=True)
        self.registry = registry
        self.terms = sorted(terms.values(), key=lambda term: -len(term.text))
        # the terms (longest first) by their first letter, case folded, with their folded text: names_at runs
        # at every position of every actor list, and trying all the terms there was most of the reading time
        self._by_first: dict[str, list[tuple[Term, str]]] = {}
        for term in self.terms:
            self._by_first.setdefault(term.text[:1].casefold(), []).append((term, term.text.casefold()))

    def names_at(self, text: str, position: int) -> list[Term]:
        found = []
        for term, folded in self._by_first.get(text[position : position + 1].casefold(), ()):
            end = position + len(term.text)
            piece = text[position:end]
            same = piece.casefold() == folded if term.ignore_case else piece == term.text
            # a name never runs on into a lower-case letter: "Guvern" is not the start of "Guvernul"
            if same and not (end < len(text) and text[end].islower()):
                found.append(term)
        return found

    def tokenize(self, text: str) -> list[Name | Separator]:
        text = text.rstrip()
        length = len(text)

        @cache
        def best(position: int, after_name: bool) -> tuple[int, tuple[Name | Separator, ...]] | None:
            """Fewest names that cover text[position:], and the tokens that do it."""
            if position == length:
                return (0, ())
            options = []
            if after_name:
                for pattern, kind in _SEPARATORS:
                    match = pattern.match(text, position)
                    if match:
                        rest = best(match.end(), False)
                        if rest is not None:
                            options.append((rest[0], (Separator(kind), *rest[1])))
                        break  # separators are tried in order; the first that matches is the one
            for term in self.names_at(text, position):
                rest = best(position + len(term.text), True)
                if rest is not None:
                    name = Name(term, text[position : position + len(term.text)], position)
                    options.append((rest[0] + 1, (name, *rest[1])))
            if not options:
                return None
            return min(options, key=lambda option: option[0])

        start = len(text) - len(text.lstrip())
        result = best(start, False)
        if result is None:
            column = self._furthest(text, start)
            raise ActorTextError(f"unknown actor text {text[column : column + 40]!r}", column)
        return list(result[1])

    def _furthest(self, text: str, start: int) -> int:
        """The first position no name or separator can start from, for the error message."""
        reached = {start}
        frontier = [start]
        furthest = start
        while frontier:
            position = frontier.pop()
            furthest = max(furthest, position)
            steps = [position + len(term.text) for term in self.names_at(text, position)]
            for pattern, _ in _SEPARATORS:
                match = pattern.match(text, position)
                if match and match.end() > position:
                    steps.append(match.end())
            for step in steps:
                if step not in reached:
                    reached.add(step)
                    frontier.append(step)
        return furthest

    def parse(self, text: str, line: int) -> ActorExpression:
        """Codes of the actors involved, in order, the relations the text states among them, and the cell item
        by item. "X prin Y" and "X - A, B" follow one rule: X and the actors after the marker are all involved."""
        text = text.rstrip()
        tokens = self.tokenize(text)
        codes: list[str] = []
        groups: list[str] = []
        relations: list[Relation] = []
        corrections: list[Correction] = []
        items: list[ActorItem] = []
        group: str | None = None
        group_item: list[tuple[str, str]] = []  # what the working group's item names so far
        group_start = 0

        def involve(name: Name) -> str:
            code = name.term.code
            if name.term.correction:
                fix = name.term.correction
                corrections.append(Correction(line, name.written, fix.corrected, fix.reason))
            if code not in codes:
                codes.append(code)
            if group and code != group:
                relations.append(Relation("member-of", code, group, line))
                group_item.append((code, "member"))
            return code

        def item(first: Name, last: Name, construction: str, named: list[tuple[str, str]]) -> None:
            if group:  # inside the working group's item, which runs to the end of the cell
                group_item.extend(pair for pair in named if pair[1] != "named")
            else:
                items.append(ActorItem(text[first.start : last.start + len(last.written)], construction, tuple(named)))

        index = 0
        while index < len(tokens):
            token = tokens[index]
            if not isinstance(token, Name):
                raise ActorTextError(f"expected an actor, found {token.kind!r}", 0)
            if token.term.opens_group:
                group = token.term.code
                groups.append(group)
                group_item.append((group, "group"))
                group_start = token.start
                index += 1
                continue
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if isinstance(following, Separator) and following.kind in ("-", "prin"):
                # "X - A, B" and "X prin A, B": the comma list after the marker belongs to X
                members, index = _comma_list(tokens, index + 2, token)
                head = involve(token)
                how = "body" if following.kind == "-" else "through"
                named = [(head, "principal")]
                for member in members:
                    code = involve(member)
                    relations.append(Relation("part-of" if how == "body" else "through", code, head, line))
                    named.append((code, how))
                item(token, members[-1], "bodies" if how == "body" else "through", named)
            else:
                item(token, token, "direct", [(involve(token), "named")])
                index += 1
            if index < len(tokens) and isinstance(tokens[index], Separator):
                index += 1
        if group is not None:
            items.append(ActorItem(text[group_start:], "group", tuple(group_item)))
        return ActorExpression(tuple(codes), tuple(groups), tuple(relations), tuple(corrections), tuple(items))


def _comma_list(tokens: list[Name | Separator], index: int, head: Name) -> tuple[list[Name], int]:
    members: list[Name] = []
    while True:
        if index >= len(tokens) or not isinstance(tokens[index], Name):
            raise ActorTextError(f"nothing follows the marker after {head.written!r}", head.start)
        members.append(tokens[index])  # type: ignore[arg-type]
        index += 1
        following = tokens[index] if index < len(tokens) else None
        if not (isinstance(following, Separator) and following.kind == ","):
            return members, index
        index += 1
