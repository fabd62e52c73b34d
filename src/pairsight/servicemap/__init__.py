"""Service mapping: every service from conception to two, by level of need and parent-infant
focus, from Open Referral UK feeds and spreadsheets, with the matrix, the gaps and a map."""
