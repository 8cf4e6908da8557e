"""Back and forward through viewed documents, like a browser."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    doc_id: str
    section_id: str = ""

    @property
    def target(self) -> str:
        return f"{self.doc_id}#{self.section_id}" if self.section_id else self.doc_id


@dataclass
class Navigation:
    back_stack: list[Location] = field(default_factory=list)
    forward_stack: list[Location] = field(default_factory=list)
    current: Location | None = None
    limit: int = 200

    def visit(self, location: Location) -> None:
        """A new location: the old one goes on the back stack and forward history is dropped."""
        if location == self.current:
            return
        if self.current is not None:
            self.back_stack.append(self.current)
            del self.back_stack[: -self.limit]
        self.forward_stack.clear()
        self.current = location

    def back(self) -> Location | None:
        if not self.back_stack or self.current is None:
            return None
        self.forward_stack.append(self.current)
        self.current = self.back_stack.pop()
        return self.current

    def forward(self) -> Location | None:
        if not self.forward_stack or self.current is None:
            return None
        self.back_stack.append(self.current)
        self.current = self.forward_stack.pop()
        return self.current

    @property
    def can_go_back(self) -> bool:
        return bool(self.back_stack)

    @property
    def can_go_forward(self) -> bool:
        return bool(self.forward_stack)
