"""Checklist runs in the window: start, fill in beside the patient, finish, resume, print."""
