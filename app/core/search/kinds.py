"""What a section is about (its kinds) and what a question asks for (its intents).

A section's kinds come from its id, its heading and the kind of its document, at build time: a
`Contraindications and warnings` section, an `Eligibility and screening` section and a screening
checklist are all where "who should not have it" is answered. A question's intents come from the
way people ask: framing phrases ("who cannot have", "how long", "who do I call") are dropped from
the words searched and say which kinds of section answer; cue words ("dose", "drive", "trial") stay
searched and say the same. First-person questions ("can I", "my infusion") are a patient's, and
the patient handouts answer them first.
"""

from __future__ import annotations

from app.core.search.text import stem, words

CONTRAINDICATIONS = "contraindications"
MONITORING = "monitoring"
DOSING = "dosing"
RULES = "rules"
EVIDENCE = "evidence"
INTERACTIONS = "interactions"
HELP = "help"
MANAGEMENT = "management"
DEFINITION = "definition"
STUDY = "study"
READINGS = "readings"
FOLLOW_UP = "follow-up"
RATIONALE = "rationale"
CALCULATION = "calculation"
REGULATORY = "regulatory"
"""Where a use stands with the regulator ("is X approved for Y", "when was X licensed"): a section
headed regulatory status, approval or indications says so."""
FREQUENCY = "frequency"
"""Not a section kind: "how often" asks for a schedule (dosing) or, of a check, for monitoring."""
CHECK_STEMS = frozenset(
    {"check", "recheck", "re-check", "measur", "monitor", "observ", "test", "review", "record"}
)
"""Verbs of checking: "how often do we recheck BP" asks how often to monitor, not to dose."""

KIND_STEMS: dict[str, frozenset[str]] = {
    CONTRAINDICATIONS: frozenset({"contraind", "elig", "screen"}),
    MONITORING: frozenset(
        {"monitor", "discharg", "min", "minut", "hour", "recoveri", "observ", "time", "durat"}
    ),
    DOSING: frozenset({"dose", "dosag", "schedul", "regimen", "calcul", "devic"}),
    RULES: frozenset({"rule", "discharg", "drive"}),
    EVIDENCE: frozenset({"evid", "trial", "studi"}),
    INTERACTIONS: frozenset({"interact"}),
    HELP: frozenset({"help", "emergenc"}),
    MANAGEMENT: frozenset({"manag"}),
    DEFINITION: frozenset({"defin", "glossari", "terminolog", "mean"}),
    FOLLOW_UP: frozenset({"follow", "booster"}),
    REGULATORY: frozenset({"regulatori", "approv", "licens", "licenc", "indic"}),
    RATIONALE: frozenset({
        "evid", "trial", "studi", "mechan", "pharmacolog", "pharmacokinet", "pharmacodynam", "rational",
        "reason", "risk", "advers", "abus", "misus", "harm", "toxic",
    }),
}  # fmt: skip
"""Stems of section ids and headings that give a section a kind."""

KIND_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    MANAGEMENT: (("what", "to", "do"),),
    DEFINITION: (("what", "it", "is"),),
}
"""Phrases (folded words) of section ids and headings that give a section a kind: a `What to do:`
section says how to manage something, a `What it is` section what a thing is."""

CONTRARY: dict[str, frozenset[str]] = {RATIONALE: frozenset({MANAGEMENT})}
"""Kinds that answer another question than the one asked: "why check BP at 40 minutes" asks for
the reason, and "What to do: BP still high at 40 minutes" gives the instruction instead."""

HARM_STEMS = frozenset({"advers", "harm", "toxic"})
"""Stems of a document title about harms ("Adverse effects of ketamine"): each of its sections says
what a precaution guards against, so it gives the reason for the precaution (a rationale)."""

DOCUMENT_KINDS: dict[str, frozenset[str]] = {
    "calculator": frozenset({CALCULATION}),
    "instructions": frozenset({RULES}),
    "cards": frozenset({STUDY}),
}
"""Every section of these documents has these kinds as well."""


Compounds = frozenset[tuple[str, ...]]
"""The packs' synonym terms of more than one word, folded ("patient monitoring form")."""


def section_kinds(
    section_id: str,
    heading: str,
    document_kind: str,
    compounds: Compounds = frozenset(),
    *,
    judged: bool = False,
    title: str = "",
) -> str:
    """The kinds of a section, space-separated, as stored in the index.

    A `judged` section (a checklist timepoint whose measured items carry alert rules) is where a
    reading ("bp 150/95 before the dose") is judged: it has the readings kind. The sections of a
    document whose `title` is about harms, and those about evidence, mechanism or risk, give the
    reason for a precaution (rationale), unless they say what to do. Neither a word that
    only says when ("after *the dose*") nor one that only qualifies a compound term of the pack
    ("Patient *Monitoring* Form", a form) gives a kind.
    """
    found = set(DOCUMENT_KINDS.get(document_kind, ()))
    if judged:
        found.add(READINGS)
    folded = tuple(words(section_id.replace("-", " ") + " " + heading))
    skipped = anchored(list(folded)) | modifiers(folded, compounds)
    stemmed = {stem(word) for place, word in enumerate(folded) if place not in skipped}
    found.update(kind for kind, cues in KIND_STEMS.items() if stemmed & cues)
    for kind, phrases in KIND_PHRASES.items():
        if any(_contains(folded, phrase) for phrase in phrases):
            found.add(kind)
    if HARM_STEMS.intersection(stem(word) for word in words(title)):
        found.add(RATIONALE)
    if MANAGEMENT in found:
        found.discard(RATIONALE)  # "What to do: BP still high" says what to do, not why
    return " ".join(sorted(found))


def modifiers(tokens: tuple[str, ...], compounds: Compounds) -> set[int]:
    """Positions of the words that precede the last word of a compound term in `tokens`: the term
    names its last word ("The Patient Monitoring Form" is a form, "systolic blood pressure" a
    pressure), so the words before it only qualify it."""
    found: set[int] = set()
    for start in range(len(tokens)):
        for end in range(start + 2, len(tokens) + 1):
            if tokens[start:end] in compounds:
                found.update(range(start, end - 1))
    return found


TIME_WORDS = frozenset({"after", "before", "during", "mid", "pre", "post", "until", "since"})
ANCHOR_WORDS = 2
"""Words after a time word that name the moment: "after *the dose*", "after *esketamine dose*"."""
DETERMINERS = frozenset({"the", "a", "an", "each", "every", "first", "last", "next", "my", "your", "their"})


def anchored(tokens: list[str]) -> set[int]:
    """Positions of the words that only say when ("40 minutes after *the dose*", "pre-*dose*"):
    such a section or question is about the moment, not about dosing."""
    found: set[int] = set()
    for place, token in enumerate(tokens):
        if token in TIME_WORDS:
            following = place + 1
            while following < len(tokens) and tokens[following] in DETERMINERS:
                following += 1
            found.update(range(following, following + ANCHOR_WORDS))
    return found


def _contains(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tokens[i : i + size] == phrase for i in range(len(tokens) - size + 1))


def _frames(intent: str | None, *phrases: str) -> list[tuple[tuple[str, ...], str | None]]:
    return [(tuple(phrase.split()), intent) for phrase in phrases]


FRAMES = sorted(
    _frames(
        CONTRAINDICATIONS,
        "who cannot", "who can not", "who can t", "who should not", "who shouldn t", "who must not",
        "cannot have", "can t have", "not have", "not get", "should not have", "should not get",
        "not be given", "can i have it if", "who is not eligible", "is it safe",
    )
    + _frames(
        MONITORING,
        "how long", "how many hours", "how many minutes", "how soon", "how much time", "when can they leave",
        "when can i leave", "when can i go home",
    )
    + _frames(DOSING, "how much", "how many mg", "what dose")
    + _frames(RULES, "allowed", "allowed to", "is it ok", "am i allowed", "go to work")
    + _frames(INTERACTIONS, "together", "at the same time")
    + _frames(FOLLOW_UP, "what next", "what comes after", "what comes next", "what follows", "then what",
              "after the course", "end of the course", "finished the course", "course is over")
    + _frames(STUDY, "quiz me", "quiz me on", "test me", "test me on", "help me revise")
    # Nouns that only ever name study material ask for it as plainly as "quiz me" does; "cards",
    # "deck" and "revision" alone stay cues ("a wallet card", "the label revision").
    + _frames(STUDY, "flashcards", "flashcard", "flash cards", "flash card", "study cards", "study card",
              "revision cards", "revision card")
    + _frames(HELP, "who do i call", "who to call", "who should i call", "what number")
    + _frames(
        MANAGEMENT,
        "what to do", "what do i do", "what do we do", "what should i do", "what should we do",
        "how to manage", "how do i manage", "how do we manage", "how to treat", "how do we treat",
        "how to handle", "how do we handle",
    )
    + _frames(DEFINITION, "what counts as", "what does", "what is", "what are", "what s", "meaning of",
              "definition of", "define")
    # "how long does the infusion take / the effect last" asks how long that thing lasts, which the
    # section about it says; "how long do we monitor" and "how long will I be there" are monitoring.
    + _frames(None, "how long does", "tell me about", "how common", "how likely", "how frequent",
              "is it normal", "is that normal", "is this normal")
    + _frames(RATIONALE, "why", "how come", "reason for", "reasons for", "rationale for")
    + _frames(FREQUENCY, "how often", "how frequently", "how many times"),
    key=lambda frame: -len(frame[0]),
)  # fmt: skip
"""Framing phrases (folded words): dropped from the search, their intent kept. Longest first."""

ENDINGS = _frames(DEFINITION, "mean", "means", "stand for", "stands for")
"""Frames only at the end of a question ("what does MOAA/S stand for"): elsewhere the words are
content ("mean arterial pressure")."""

STUDY_STEMS = frozenset({"flashcard", "quiz", "revis", "deck", "card"})
"""Words of someone learning ("flashcards on X", "revision cards"): the study decks answer, and
the one asking is neither a patient nor at the chair."""

CUES: dict[str, str] = {
    **dict.fromkeys(("contraind", "elig", "candid", "qualifi"), CONTRAINDICATIONS),
    **dict.fromkeys(("dose", "dosag", "mg", "regimen", "schedul"), DOSING),
    **dict.fromkeys(("drive", "eat", "drink", "alcohol", "wine", "beer", "machineri"), RULES),
    **dict.fromkeys(("evid", "trial", "studi"), EVIDENCE),
    **dict.fromkeys(("vital",), MONITORING),
    **dict.fromkeys(STUDY_STEMS, STUDY),
    **dict.fromkeys(("interact",), INTERACTIONS),
    **dict.fromkeys(("reason", "rational"), RATIONALE),
    **dict.fromkeys(("calcul", "devic"), CALCULATION),
    **dict.fromkeys(("approv", "unapprov", "licens", "licenc", "regulatori"), REGULATORY),
    **dict.fromkeys(("call", "emergenc"), HELP),
}
"""Stems that stay searched and also name the kind of section that answers."""

FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
THIRD_PERSON = frozenset({"they", "them", "their", "theirs", "patient", "patients", "pt", "pts"})
"""A question about someone else ("can they drive home", "patient on an maoi") is a clinician's:
the reference sections answer it before the patient handouts."""


VITAL_STEMS = frozenset({
    "bp", "pressur", "systol", "diastol", "sbp", "dbp", "hr", "puls", "heart", "spo2", "sat", "satur",
    "oxygen", "o2", "moaa", "cadss", "rr", "resp", "respiratori", "temperatur", "temp", "mmhg", "bpm",
})  # fmt: skip
"""Stems of the vital signs and scores measured at the chair, and of their units."""
NOT_READINGS = frozenset({
    "mg", "mcg", "kg", "ml", "lb", "min", "minut", "hour", "hr", "h", "day", "week", "month", "year",
    "yr", "old", "devic", "spray", "session", "infus", "dose", "time",
})  # fmt: skip
"""Stems that make the number before them a dose, a weight, a duration, an age or a count
("56 mg", "at 40 minutes", "2 hr", "3 devices"), not a reading."""
READING_REACH = 2
"""How far (in words) a reading's number may stand from the vital sign it measures: "bp 150/95",
"heart rate 130", "spo2 of 91"."""
READING_UNITS = frozenset({"mmhg", "bpm"})


def readings(tokens: list[str]) -> set[int]:
    """Positions of the numbers that are readings of a vital sign ("spo2 92", "bp 150/95", "HR 130
    mid infusion"), with the unit typed after them. A reading is judged by a checklist's alert
    rules, which say what to do whatever the value: the value itself is not searched (it matches
    unrelated figures, "30-45 minutes" for a pulse of 45)."""
    stems = [stem(token) for token in tokens]
    found: set[int] = set()
    for place, token in enumerate(tokens):
        if not token.isdigit() or (place + 1 < len(stems) and stems[place + 1] in NOT_READINGS):
            continue
        near = range(max(0, place - READING_REACH), min(len(tokens), place + READING_REACH + 1))
        if any(stems[other] in VITAL_STEMS and not tokens[other].isdigit() for other in near):
            found.add(place)
            if place + 1 < len(tokens) and tokens[place + 1] in READING_UNITS:
                found.add(place + 1)
    return found


QUANTITY_UNITS = frozenset({"mg", "mcg", "kg", "ml", "lb", "lbs"})
"""Units of a quantity to work out ("84 mg", "a 70 kg patient", "ml/h"): a calculator answers."""


def quantities(tokens: list[str]) -> bool:
    """Whether a number is typed with a unit of dose, weight or volume."""
    return any(
        token.replace(".", "", 1).isdigit() and tokens[place + 1] in QUANTITY_UNITS
        for place, token in enumerate(tokens[:-1])
    )


def framing(tokens: list[str], inside: set[int] | None = None) -> tuple[set[int], set[str], set[str]]:
    """Positions of framing words in `tokens`, the intents of the frames found, and those of cue words.

    A frame says what is asked ("who should not"); a cue word only suggests it ("esketamine dose"
    may be about dosing or about what happens after a dose), so the two weigh differently. "How
    often" asks for a schedule, or of a check ("how often to recheck BP") for monitoring. A
    reading of a vital sign asks for the section that judges it (see `readings`). "What
    is X" asks what X is only when nothing else is asked: "what is the dose" asks for the dose.
    A word `inside` a longer term is no cue: "alcohol addiction" is an addiction, not a drink.
    """
    covered, intents = _frames_in(tokens)
    if FREQUENCY in intents:
        intents.discard(FREQUENCY)
        intents.add(MONITORING if any(stem(token) in CHECK_STEMS for token in tokens) else DOSING)
    covered |= _lasting(tokens, covered, intents)
    values = readings(tokens)
    if values:
        covered |= values
        intents.add(READINGS)
    skipped = anchored(tokens) | (inside or set())
    cues = {
        intent
        for place, token in enumerate(tokens)
        if place not in skipped and (intent := CUES.get(stem(token))) is not None
    }
    if quantities(tokens):
        cues.add(CALCULATION)
    if DEFINITION in intents and (len(intents) > 1 or cues):
        intents.discard(DEFINITION)
    return covered, intents, cues - intents


BENEFIT_STEMS = frozenset({"help", "work", "benefit", "relief", "respons", "improv", "antidepress"})
"""Words of a treatment's benefit: "how long does it *help*", "how long does the *relief* last"."""
LASTING = frozenset({"help", "work", "last", "wear", "persist"})
"""Verbs that only ask for the duration, dropped from the search ("help" is not "get help")."""
BENEFIT_NAMES = BENEFIT_STEMS | {"effect"}
"""Words that name the benefit whose duration is asked ("the antidepressant *effect*"), dropped from
the search too: they say what lasts, and would pull any section that uses them ("no antidepressant
effect in OCD"). "Effect" alone does not make a question about benefit ("side effects")."""


def _lasting(tokens: list[str], covered: set[int], intents: set[str]) -> set[int]:
    """Positions of the verbs of a question about how long a treatment's benefit lasts ("how long
    does ketamine help", "how long does the antidepressant effect last"), whose intents become
    follow-up (when the benefit fades and what follows) and evidence (how long it lasted in trials),
    not monitoring; the words of benefit only say what lasts and are dropped. Without a word of
    benefit ("how long does the dissociation last") the section about the thing named answers."""
    asks = any(tokens[place : place + 2] == ["how", "long"] for place in range(len(tokens)))
    if not asks or not any(stem(token) in BENEFIT_STEMS for token in tokens):
        return set()
    intents.discard(MONITORING)
    intents.update((FOLLOW_UP, EVIDENCE))
    dropped = LASTING | BENEFIT_NAMES
    return {place for place, token in enumerate(tokens) if stem(token) in dropped and place not in covered}


def _frames_in(tokens: list[str]) -> tuple[set[int], set[str]]:
    """Positions covered by frames (ENDINGS only at the end) and the intents they name."""
    covered: set[int] = set()
    intents: set[str] = set()
    found = [(start, frame, intent) for start in range(len(tokens)) for frame, intent in FRAMES
             if tuple(tokens[start : start + len(frame)]) == frame]  # fmt: skip
    found += [(len(tokens) - len(frame), frame, intent) for frame, intent in ENDINGS
              if len(tokens) - len(frame) > 0 and tuple(tokens[-len(frame):]) == frame]  # fmt: skip
    starts: set[int] = set()
    for start, frame, intent in found:
        if start in starts:
            continue  # the longest frame at a place (FRAMES is longest first)
        starts.add(start)
        covered.update(range(start, start + len(frame)))
        if intent is not None:
            intents.add(intent)
    return covered, intents


EXPERIENCE = (
    ("what", "happens"), ("what", "will", "happen"), ("what", "to", "expect"), ("what", "is", "it", "like"),
    ("is", "it", "normal"), ("is", "that", "normal"), ("is", "this", "normal"),
)  # fmt: skip
"""What a patient asks about the experience ("what happens during the infusion", "is it normal to
feel ..."): the handouts describe it, step by step, in the patient's words. Not "what happens if BP
is over 180": that asks for a consequence, as a clinician does."""


def audience(tokens: list[str]) -> tuple[bool, bool]:
    """(a patient's question, a clinician's question): "my patient" is a clinician's; "quiz me" is
    neither, but a learner's."""
    if any(stem(token) in STUDY_STEMS for token in tokens):
        return False, False
    clinician = any(token in THIRD_PERSON for token in tokens)
    patient = any(token in FIRST_PERSON for token in tokens) or _experience(tokens)
    return not clinician and patient, clinician


def _experience(tokens: list[str]) -> bool:
    for phrase in EXPERIENCE:
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            following = tokens[start + size : start + size + 1]
            if tuple(tokens[start : start + size]) == phrase and following != ["if"]:
                return True
    return False
