"""Interviews and thematic analysis: transcripts, redaction, codebook, coding, agreement."""
