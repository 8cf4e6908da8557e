"""Author mode: watch a pack folder and show its problems as it is edited."""
