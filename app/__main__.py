"""`python -m app`: the same entry point as the `protocol-desk` script."""

from app.launcher import main

raise SystemExit(main())
