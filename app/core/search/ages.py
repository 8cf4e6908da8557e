"""An age typed as a number ("I'm 68", "my mum is 70", "my son is 15", "a 16 year old") names a life
stage, and the content is written by life stage: "older adults", "adolescents", "children".

The number itself matches nothing useful (a 70 in the text is a weight, a dose or a blood
pressure), so the planner searches the stage's words instead, and the pack's synonyms take them on
("older adults" = "elderly", "geriatric"). An adult of working age has no stage: the number is
left as it was typed.
"""

from __future__ import annotations

from app.core.search.kinds import NOT_READINGS, VITAL_STEMS, readings
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
CONTEXT_REACH = 3
"""Words before an age that must not measure something else ("the dose is 84", "moaa/s is 3")."""
MEASURES = (
    NOT_READINGS
    | VITAL_STEMS
    | frozenset(
        {"weight", "score", "scale", "level", "count", "rate", "pain", "madr", "phq", "gad", "number"}
    )
)
"""Stems of what a number may measure other than an age."""
MARKED = frozenset({"aged", "age"})
"""Words that make the number an age whatever it is; after "is" or "I'm" alone only an older
adult's age is read as one ("pain is 8", "the score is 3" are no children)."""
PEOPLE = frozenset({
    "son", "daughter", "child", "kid", "boy", "girl", "teen", "teenager", "grandson", "granddaughter",
    "he", "she", "mum", "mom", "dad", "father", "mother", "grandma", "grandpa", "grandad", "grandmother",
    "grandfather", "wife", "husband", "partner",
})  # fmt: skip
"""Words for a person: "my son is 15", "she's 9" say an age as "aged" does."""
UNIT_STEMS = frozenset(stem(word) for word in AFTER)


def stage_of(age: int) -> tuple[str, ...] | None:
    """The words for the life stage of `age`, or None for a working-age adult."""
    if age >= OLDER_FROM:
        return STAGES[0]
    if age < ADULT_FROM:
        return STAGES[2] if age <= CHILD_UNTIL else STAGES[1]
    return None


def life_stages(tokens: list[str]) -> dict[int, tuple[tuple[str, ...], int]]:
    """Per position of a number that is an age: (its stage's words, how many words the age spans).

    A number is an age when a word before it says so ("is 70", "I'm 68", "over 65", "my son is
    15") or "years old" follows, and it is not a reading of a vital sign, a dose, a score, a count
    or a duration ("is 56 mg", "over 40 minutes", "bp over 180", "her pain is 8").
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
        before = range(max(0, place - CONTEXT_REACH), place)
        if any(stems[other] in MEASURES or other in measured for other in before):
            continue  # "the dose is 84", "bp is 150 over 95", "her pain is 8"
        stage = _stage(tokens, place, after > place + 1 or any(tokens[o] in PEOPLE for o in before))
        if stage is not None and not (after == place + 1 and _measures(stems, place)):
            found[place] = (stage, after - place)
    return found


def _measures(stems: list[str], place: int) -> bool:
    """Whether a unit of something else than years follows the number ("70 kg", "40 minutes")."""
    follows = stems[place + 1] if place + 1 < len(stems) else ""
    return follows in NOT_READINGS and follows not in UNIT_STEMS


def _stage(tokens: list[str], place: int, marked: bool) -> tuple[str, ...] | None:
    """The stage of the number at `place` if the word before it (or `marked`, a person or "years
    old") makes it an age; "over 65" is 66 and more, "under 18" 17 and less."""
    previous = tokens[place - 1] if place > 0 else ""
    marked = marked or previous in MARKED
    if not (marked or previous in BEFORE):
        return None
    age = int(tokens[place]) + (previous == "over") - (previous == "under")
    stage = stage_of(age) if 0 < age <= OLDEST else None
    if stage is None or marked or stage == STAGES[0] or previous in {"over", "under"}:
        return stage
    return None
