"""Plain-Python core: content model, loading, search, calculators, user data. No Qt here."""
