"""Survey exports in, typed responses out: detection, column matching, validation."""
