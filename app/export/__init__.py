"""PDF export with QtGui only (QTextDocument + QPdfWriter), usable headless."""
