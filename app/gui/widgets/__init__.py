"""Small widgets and layout helpers shared by every view."""
