"""The retention periods the service starts with. A migration seeds the table from here;
administrators change the rows (with history), not this file."""

# record type: (years, what the years are counted from)
PERIODS = {
    "case": (7, "the end of the person's last order (terminated or expected end date)"),
    "access_log": (10, "the day the access-log row was written"),
    # The shortest period the table allows; a partner retries within minutes or days.
    "idempotency_record": (1, "the day the partner's request first arrived"),
}
