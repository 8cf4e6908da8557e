"""The `protocol-desk` command line, built on core, render and export."""
