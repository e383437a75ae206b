"""Create (or refresh) the PostgreSQL role the web and worker processes connect as.

Run as the database owner, after every `migrate` (docker-compose's migrate service does):

    CRC_APP_DB_PASSWORD=... python manage.py db_app_role --role crc_app

The role may read and write the service's tables but, on the access log, only INSERT
and SELECT; it owns nothing, so it can neither drop nor disable the append-only
triggers, nor alter any table. Migrations keep running as the owner. Idempotent: it
grants what is missing and takes back anything more on the access log.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from crc.access.append_only import TABLE


def app_role_sql(*, role: str, database: str, owner: str) -> list[str]:
    """The statements that give `role` the application's rights and no more."""
    quoted = f'"{role}"'
    return [
        f'GRANT CONNECT ON DATABASE "{database}" TO {quoted}',
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"REVOKE CREATE ON SCHEMA public FROM {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        # Identity columns need no sequence rights; serial ones (older tables) do.
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        # Tables a later migration creates get the same rights until this runs again.
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted}",
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f"GRANT USAGE, SELECT ON SEQUENCES TO {quoted}",
        # The access log: append and read, nothing else.
        f"REVOKE ALL ON TABLE {TABLE} FROM {quoted}",
        f"GRANT SELECT, INSERT ON TABLE {TABLE} TO {quoted}",
    ]


def _valid_role_name(name: str) -> bool:
    return bool(name) and name.replace("_", "").isalnum() and not name[0].isdigit()


class Command(BaseCommand):
    help = "Create or refresh the limited PostgreSQL role the web and worker processes use."

    def add_arguments(self, parser):
        parser.add_argument("--role", default="crc_app", help="Role name (default crc_app)")
        parser.add_argument(
            "--password-env",
            default="CRC_APP_DB_PASSWORD",
            help="Environment variable holding the role's password (never a command-line "
            "argument: those show in process lists). Unset: the password is left as is.",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *, role: str, password_env: str, database: str, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist only on PostgreSQL.")
        if not _valid_role_name(role):
            raise CommandError("A role name is letters, digits and underscores.")
        password = os.environ.get(password_env, "")
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_database()")
            owner, database_name = cursor.fetchone()
            if role == owner:
                raise CommandError("The application role must not be the owner itself.")
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(
                    f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                    "NOREPLICATION NOBYPASSRLS"
                )
                self.stdout.write(f"Created role {role}.")
            if password:
                # Quoted by the server: the password never goes into our SQL text.
                cursor.execute("SELECT quote_literal(%s)", [password])
                (literal,) = cursor.fetchone()
                cursor.execute(f'ALTER ROLE "{role}" PASSWORD {literal}')
            for sql in app_role_sql(role=role, database=database_name, owner=owner):
                cursor.execute(sql)
        self.stdout.write(
            self.style.SUCCESS(
                f"{role}: read and write on the service's tables, "
                f"INSERT and SELECT only on {TABLE}."
            )
        )
