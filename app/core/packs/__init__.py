"""Packs: the strict YAML reader, author messages, whole-pack checks, the loader, pack roots, the outline."""
