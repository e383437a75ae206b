"""`flush` that also empties the append-only access log.

Django's flush TRUNCATEs (PostgreSQL) or DELETEs (SQLite) every table, which the access
log's triggers refuse. Emptying the whole database is the owner's deliberate act (the
test runner does it between transactional tests), so the triggers are lifted for it and
restored afterwards. The application role cannot do this: lifting a trigger needs the
table's owner on PostgreSQL.
"""

from django.core.management.commands.flush import Command as DjangoFlush

from crc.access.append_only import maintenance


class Command(DjangoFlush):
    def handle(self, **options):
        with maintenance(options["database"]):
            return super().handle(**options)
