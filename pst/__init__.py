"""The PST portal core: one account for every service, roles, and the pieces every service shares
(working-day clock, money display, private storage)."""
