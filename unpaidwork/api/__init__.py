"""The placement host's API (scope `unpaid-work`), mounted at /api/v1/unpaid-work/:
the sessions of its own projects with who to expect, and each attendance's outcome.
docs/api.md describes it; crc.api supplies the plumbing."""
