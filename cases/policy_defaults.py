"""The defaults DOMAIN.md gives for policy that lives in tables. Migrations seed the
tables from here; administrators change the rows, not this file."""

from cases.risk import rules

DEADLINES = {
    "nps-referral": ("Send the NPS escalation referral", 2),
    "information-request-send": ("Send information requests after allocation", 5),
    "information-request-chase": ("Chase an unanswered information request", 5),
    "information-request-escalate": ("Escalate an unanswered information request to the SPO", 10),
    "acceptability-decision": ("Decide whether an absence was acceptable", 2),
    "warning-letter": ("Send a warning letter", 2),
    "breach-pack": ("Prepare a breach pack", 10),
    "significant-change-review": ("Review after a significant change", 10),
}

REGISTRATION_REVIEW_MONTHS = {"child_protection": 3}
DEFAULT_REGISTRATION_REVIEW_MONTHS = 6

# Face-to-face minimum per period in the default Grid: every contact face to face.
GRID = rules.DEFAULT_GRID

INTERVENTION_SUGGESTIONS = [
    ("registration", "domestic_abuse", "Structured Supervision for Domestic Abuse"),
    ("registration", "domestic_abuse", "Building Better Relationships"),
    ("need", "thinking_behaviour", "Thinking Skills Programme"),
    ("need", "alcohol", "Alcohol Toolkit"),
    ("sex", "female", "Thinking Ahead for Women"),
    ("sex", "female", "Women's keyworker"),
    ("need", "ete", "Job club / ETE support"),
]
