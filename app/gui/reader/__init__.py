"""The reader: the open document, its outline, context actions, print bar and preview."""
