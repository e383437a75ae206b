"""The case record's admin, one module per wing; Django's autodiscovery imports this one.

The bases every wing's admin uses (scoped, logged, read-only unless a subclass says
otherwise; policy tables) are in cases/admin_base.py.
"""

from cases.allocation import admin as allocation_admin  # noqa: F401
from cases.contacts import admin as contacts_admin  # noqa: F401
from cases.planning import admin as planning_admin  # noqa: F401
from cases.record import admin as record_admin  # noqa: F401
from cases.reviews import admin as reviews_admin  # noqa: F401
from cases.risk import admin as risk_admin  # noqa: F401
from cases.service_centre import admin as service_centre_admin  # noqa: F401
