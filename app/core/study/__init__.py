"""Study mode: spaced repetition over the packs' cards, with the review log kept in user.db.

- `scheduler`: FSRS behind the project's own types (the only module that imports `fsrs`);
- `decks`: study items built from the packs, and the decks a trainee can choose;
- `store`: cards, the review log and the rebuildable scheduling state in user.db;
- `session`: what to show next, answers, undo and the daily limit for new cards;
- `progress`: reviews, retention, streak and mastery figures;
- `transfer`: progress exported to a JSON file and merged back on another workstation.
"""
