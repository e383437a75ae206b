"""Who reads what was said in a sensitive contact: the one rule, for every surface.

A sensitive contact (a disclosure of abuse, a health matter, a staff safety concern) is
read by the officer holding the case and their line manager. Everyone else who may open
the case sees that a sensitive contact happened, and when, never what was said. The
text is held back on the server (the Contacts tab, the case timeline, the admin's pages
and history), never merely folded away in the browser. Contacts are not in the partner
API, in any export or in any notification; if they ever are, they ask here.
"""

from collections.abc import Iterable

from crc.access.policy import Relationship, relationship_to

SENSITIVE_DETAIL_FOR = frozenset({Relationship.ALLOCATED_OFFICER, Relationship.LINE_MANAGEMENT})

# The parts of a contact that say what was said or why: held back from other readers.
SENSITIVE_FIELDS = (
    "check_in",
    "review",
    "implement",
    "summary",
    "set_tasks",
    "attendance",
    "absence_reason",
    "absence_evidence",
)

WITHHELD_TEXT = (
    "This contact is sensitive: only the allocated officer and their line manager can read it."
)


def may_read_sensitive_detail(
    user, case, *, relationships: Iterable[Relationship] = SENSITIVE_DETAIL_FOR
) -> bool:
    """May this user read the detail of sensitive records on a case they can open?

    `relationships` exists for timeline sources that widen or narrow the default; every
    surface that shows contacts uses the default.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return relationship_to(user, case) in frozenset(relationships)
