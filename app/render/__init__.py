"""Content to HTML, Markdown and plain text. No Qt."""
