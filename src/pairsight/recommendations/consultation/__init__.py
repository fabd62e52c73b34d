"""The consultation on the draft recommendations: rounds, consultees' responses, changes made."""
