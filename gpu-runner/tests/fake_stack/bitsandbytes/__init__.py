"""Stand-in bitsandbytes (only imported)."""
