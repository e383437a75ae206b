"""Risk (DOMAIN.md §2-3): RoSH and scores, tier, registrations, needs, the Grid and
contact levels, escalation to the NPS."""
