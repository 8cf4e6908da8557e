"""Dose calculators in the window."""
