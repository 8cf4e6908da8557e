"""Search as you type: the field, filters and the results list."""
