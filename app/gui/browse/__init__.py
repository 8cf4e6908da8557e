"""Browse by pack, condition and kind; bookmarks and recent documents."""
