"""Patient handouts: preview, paper size, print and PDF."""
