"""An age typed as a number ("I'm 68", "my mum is 70", "my son is 15", "a 16 year old") names a life
stage, and the content is written by life stage: "older adults", "adolescents", "children".

The number itself matches nothing useful (a 70 in the text is a weight, a dose or a blood
pressure), so the planner searches the stage's words instead, and the pack's synonyms take them on
("older adults" = "elderly", "geriatric"). An adult of working age has no stage: the number is
left as it was typed.
"""

from __future__ import annotations

from app.core.search.kinds import NOT_READINGS, readings
from app.core.search.text import stem

OLDER_FROM = 65
"""The age from which the labels and trials speak of older adults (esketamine's dosing, TRANSFORM-3)."""
ADULT_FROM = 18
CHILD_UNTIL = 12
OLDEST = 120

STAGES = (("older", "adults"), ("adolescents",), ("children",))
BEFORE = frozenset({"m", "im", "am", "is", "s", "was", "aged", "age", "turned", "turning", "over", "under"})
"""Words before a number that make it an age: "I'm 68", "she's 70", "aged 15", "over 65"."""
AFTER = frozenset({"year", "years", "yr", "yrs", "yo", "y", "o", "old"})
"""Words after a number that make it an age ("68 years old", "15 yo"); they go with the number."""
CONTEXT_REACH = 2
"""Words before an age that must not measure something else ("the dose is 84", "bp is 150")."""


def stage_of(age: int) -> tuple[str, ...] | None:
    """The words for the life stage of `age`, or None for a working-age adult."""
    if age >= OLDER_FROM:
        return STAGES[0]
    if age < ADULT_FROM:
        return STAGES[2] if age <= CHILD_UNTIL else STAGES[1]
    return None


def life_stages(tokens: list[str]) -> dict[int, tuple[tuple[str, ...], int]]:
    """Per position of a number that is an age: (its stage's words, how many words the age spans).

    A number is an age when a word before it says so ("is 70", "I'm 68", "over 65") or "years
    old" follows, and it is not a reading of a vital sign, a dose, a count or a duration ("is 56
    mg", "over 40 minutes", "bp over 180").
    """
    stems = [stem(token) for token in tokens]
    measured = readings(tokens)
    found: dict[int, tuple[tuple[str, ...], int]] = {}
    for place, token in enumerate(tokens):
        if not token.isdigit() or place in measured or len(token) > len(str(OLDEST)):
            continue
        after = place + 1
        while after < len(tokens) and tokens[after] in AFTER:
            after += 1
        follows = stems[place + 1] if place + 1 < len(tokens) else ""
        said = (place > 0 and tokens[place - 1] in BEFORE) or after > place + 1
        if not said or (follows in NOT_READINGS and follows not in {stem(w) for w in AFTER}):
            continue
        before = range(max(0, place - CONTEXT_REACH), place)
        if any(stems[other] in NOT_READINGS or other in measured for other in before):
            continue  # "the dose is 84", "bp is 150 over 95"
        age = int(token) + (1 if tokens[place - 1 : place] == ["over"] else 0)
        age -= 1 if tokens[place - 1 : place] == ["under"] else 0
        stage = stage_of(age) if 0 < age <= OLDEST else None
        if stage is not None:
            found[place] = (stage, after - place)
    return found
