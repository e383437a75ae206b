"""Free text that names cases the reader may not open is hidden, line by line.

A notification about one case is filtered as a whole (selectors). A digest about many
(the weekly Grid shortfall lists one CRN a line) names no single case, so its lines are
checked instead: a line naming a CRN the reader may not open now (excluded or restricted
since, or never theirs, as for the service centre in the admin) is replaced. Anything
shaped like a CRN that is not a case the reader may open counts: fail closed.
"""

import re
from collections.abc import Iterable
from typing import Any

from crc.access.lookup import visible_crns_among

CRN_IN_TEXT = re.compile(r"\b[A-Z][0-9]{6}\b")
HIDDEN_LINE = "(A line about a case you cannot open is hidden.)"


def mentioned_crns(*texts: str) -> set[str]:
    return {crn for text in texts for crn in CRN_IN_TEXT.findall(text or "")}


def redact(text: str, *, visible: set[str]) -> str:
    if not text or not CRN_IN_TEXT.search(text):
        return text
    lines = []
    for line in text.splitlines():
        hidden = any(crn not in visible for crn in CRN_IN_TEXT.findall(line))
        lines.append(HIDDEN_LINE if hidden else line)
    return "\n".join(lines)


def visible_mentions(*, user: Any, texts: Iterable[str], known_visible: Iterable[str] = ()) -> set:
    """The mentioned CRNs the user may open. `known_visible` are already checked (a row's
    own case), so a notification naming only its own case costs no query."""
    known = set(known_visible)
    unknown = mentioned_crns(*texts) - known
    return known | visible_crns_among(user, unknown)
