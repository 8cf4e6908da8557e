"""Checklist runs: the append-only store, entered values, alert rules, the monitoring timer."""
