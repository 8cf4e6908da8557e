"""User data: user.db and its migrations, bookmarks and history, small app state."""
