"""Stand-in accelerate (only imported)."""
