"""Study mode: sessions with FSRS, progress and its chart."""
