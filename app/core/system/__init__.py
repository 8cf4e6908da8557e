"""System: paths, layered configuration, logs, the clock, the self-test report."""
