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

from app.core.search.text import stem, stems

CONTRAINDICATIONS = "contraindications"
MONITORING = "monitoring"
DOSING = "dosing"
RULES = "rules"
EVIDENCE = "evidence"
INTERACTIONS = "interactions"
HELP = "help"

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
}
"""Stems of section ids and headings that give a section a kind."""

DOCUMENT_KINDS: dict[str, frozenset[str]] = {
    "calculator": frozenset({DOSING}),
    "instructions": frozenset({RULES}),
}
"""Every section of these documents has these kinds as well."""


def section_kinds(section_id: str, heading: str, document_kind: str) -> str:
    """The kinds of a section, space-separated, as stored in the index."""
    found = set(DOCUMENT_KINDS.get(document_kind, ()))
    words = set(stems(section_id.replace("-", " ") + " " + heading))
    found.update(kind for kind, cues in KIND_STEMS.items() if words & cues)
    return " ".join(sorted(found))


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
    + _frames(HELP, "who do i call", "who to call", "who should i call", "what number")
    + _frames(None, "what counts as", "what does", "what is", "what are", "tell me about", "how common",
              "how likely", "how frequent", "how frequently"),
    key=lambda frame: -len(frame[0]),
)  # fmt: skip
"""Framing phrases (folded words): dropped from the search, their intent kept. Longest first."""

CUES: dict[str, str] = {
    **dict.fromkeys(("contraind", "elig"), CONTRAINDICATIONS),
    **dict.fromkeys(("dose", "dosag", "mg", "regimen", "schedul"), DOSING),
    **dict.fromkeys(("drive", "eat", "drink", "alcohol", "wine", "beer", "machineri"), RULES),
    **dict.fromkeys(("evid", "trial", "studi"), EVIDENCE),
    **dict.fromkeys(("interact",), INTERACTIONS),
    **dict.fromkeys(("call", "emergenc"), HELP),
}
"""Stems that stay searched and also name the kind of section that answers."""

FIRST_PERSON = frozenset({"i", "me", "my", "myself", "im", "mine"})


def framing(tokens: list[str]) -> tuple[set[int], set[str], set[str]]:
    """Positions of framing words in `tokens`, the intents of the frames found, and those of cue words.

    A frame says what is asked ("who should not"); a cue word only suggests it ("esketamine dose"
    may be about dosing or about what happens after a dose), so the two weigh differently.
    """
    covered: set[int] = set()
    intents: set[str] = set()
    cues: set[str] = set()
    for start in range(len(tokens)):
        for frame, intent in FRAMES:
            if tuple(tokens[start : start + len(frame)]) == frame:
                covered.update(range(start, start + len(frame)))
                if intent is not None:
                    intents.add(intent)
                break
    for token in tokens:
        intent = CUES.get(stem(token))
        if intent is not None:
            cues.add(intent)
    return covered, intents, cues - intents


def first_person(tokens: list[str]) -> bool:
    return any(token in FIRST_PERSON for token in tokens)
