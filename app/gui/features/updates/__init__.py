"""What changed in a pack since this workstation last showed it."""
