"""Editions: an assessment row is one edition; a published one is frozen, the next one starts
from it, and the comparison says what changed between them."""
