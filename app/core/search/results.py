"""What a search returns: frozen value types, grouped by document, ready for a list view or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchHit:
    """One section that matched. `section_id` is empty when the hit opens at the top of the document."""

    doc_id: str
    pack_id: str
    kind: str
    title: str
    section_id: str
    section_title: str
    snippet_html: str
    snippet_text: str
    score: float
    """Higher is better, in (0, 1]; hits are already in order, this is for display and JSON."""

    @property
    def target(self) -> str:
        """What `show` and in-app links accept: `doc-id#section-id`, or the document id alone."""
        return f"{self.doc_id}#{self.section_id}" if self.section_id else self.doc_id


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...] = ()
    """Grouped by document: documents in rank order, each with its best sections in order."""
    suggestion: str | None = None
    """"Did you mean": the query with misspelt words corrected (their corrections were searched too)."""
    expanded_terms: tuple[str, ...] = ()
    """Terms searched besides the words typed: synonyms, abbreviations, word forms, completions."""
    problem: str | None = None
    """Set when the index could not answer (damaged file); hits are then empty."""
    documents: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "documents", tuple(dict.fromkeys(h.doc_id for h in self.hits)))

    def by_document(self) -> list[tuple[str, tuple[SearchHit, ...]]]:
        """(doc_id, hits) pairs in rank order, for a tree of documents and their sections."""
        return [(doc, tuple(h for h in self.hits if h.doc_id == doc)) for doc in self.documents]
