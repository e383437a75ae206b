"""Fast bulk writes for demo and benchmark data (seed_demo at london/national scale).

`RowWriter` takes rows as tuples in a fixed field order, hands out primary keys at once
(so later rows can point at earlier ones without a round trip) and writes them in
batches: PostgreSQL `COPY ... FROM STDIN`, elsewhere `executemany`. `fill_history`
then gives every new row its django-simple-history "created" row with one
`INSERT ... SELECT`, as `bulk_create_with_history` would, without building objects.

Never used by the application's own writes: those go through each app's services.
"""

import datetime as dt
import io
import json
import uuid
from collections.abc import Sequence
from contextlib import contextmanager
from decimal import Decimal

from django.apps import apps
from django.db import IntegrityError, connection, models
from django.utils import timezone

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_CACHE: dict = {}  # demo text and timestamps repeat: convert each distinct value once


def _convert(value) -> str:
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.translate(_ESCAPES)
        return str(value)  # a TextChoices member becomes its plain value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float | Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot COPY {type(value).__name__}")


def copy_text(value) -> str:
    kind = type(value)
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if kind is dict or kind is list:
        return json.dumps(value).translate(_ESCAPES)
    if kind is float:
        return str(value)
    try:
        return _CACHE[value]
    except KeyError:
        text = _CACHE[value] = _convert(value)
        if len(_CACHE) > 500_000:
            _CACHE.clear()
        return text


class RowWriter:
    """Rows for one table; `add(**values)` returns the new row's primary key.

    Fields not given take their model default (computed once), auto_now fields the
    time the writer was made. Call `flush()` at the end (or use it as a context manager).
    """

    def __init__(self, model, fields: Sequence[str], *, batch: int = 20_000, on_flush=None):
        self.model = model
        self.table = model._meta.db_table
        self.pk = model._meta.pk
        concrete = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(fields) - set(concrete)
        if unknown:
            raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.given = list(fields)
        now = timezone.now()
        self.defaults: dict[str, object] = {}
        for attname, f in concrete.items():
            if attname in fields or f is self.pk:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[attname] = now if isinstance(f, models.DateTimeField) else now.date()
            elif f.has_default() or (f.empty_strings_allowed and not f.null):
                self.defaults[attname] = f.get_default()
            elif f.null:
                self.defaults[attname] = None
            else:
                raise ValueError(f"{model.__name__}.{attname} needs a value")
        self.fields = [self.pk] + [concrete[a] for a in self.given]
        self.fields += [concrete[a] for a in self.defaults]
        self.columns = [f.column for f in self.fields]
        self.tail = tuple(self.defaults.values())
        self.rows: list[tuple] = []
        self.batch = batch
        self.postgresql = connection.vendor == "postgresql"
        self.block = 50_000
        self.on_flush = on_flush
        self.written = 0
        self.first_pk: int | None = None
        self._ids: list[int] = []
        self._next_local: int | None = None

    def _next_pk(self) -> int:
        if self.postgresql:
            if not self._ids:
                # Reserve a block of keys: take one, move the sequence past the block.
                # Fine for seeding, where this process is the table's only writer.
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT nextval(pg_get_serial_sequence(%s, %s))",
                        [self.table, self.pk.column],
                    )
                    first = cursor.fetchone()[0]
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, %s), %s)",
                        [self.table, self.pk.column, first + self.block - 1],
                    )
                self._ids = list(range(first + self.block - 1, first - 1, -1))
            pk = self._ids.pop()
        else:
            if self._next_local is None:
                top = self.model._base_manager.aggregate(m=models.Max("pk"))["m"] or 0
                self._next_local = top + 1
            pk, self._next_local = self._next_local, self._next_local + 1
        if self.first_pk is None:
            self.first_pk = pk
        return pk

    def add(self, **values) -> int:
        pk = self._next_pk()
        self.rows.append((pk, *(values.get(name) for name in self.given), *self.tail))
        if len(self.rows) >= self.batch:
            self.flush()
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        if self.postgresql:
            buffer = io.StringIO()
            buffer.writelines("\t".join(map(copy_text, row)) + "\n" for row in rows)
            buffer.seek(0)
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            with connection.cursor() as cursor:
                raw = getattr(cursor, "cursor", cursor)
                raw.copy_expert(
                    f"COPY {connection.ops.quote_name(self.table)} ({cols}) FROM STDIN", buffer
                )
        else:
            placeholders = ", ".join(["%s"] * len(self.columns))
            cols = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            table = connection.ops.quote_name(self.table)
            # Table and column names come from the model, never from input.
            sql = f"INSERT INTO {table} ({cols}) VALUES ({placeholders})"  # noqa: S608
            with connection.cursor() as cursor:
                cursor.executemany(
                    sql,
                    [
                        tuple(
                            f.get_db_prep_save(v, connection)
                            for f, v in zip(self.fields, row, strict=True)
                        )
                        for row in rows
                    ],
                )
        self.written += len(rows)
        if self.on_flush:
            self.on_flush(len(rows))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()


def history_for(model, objects, change_reason: str = "Demo data") -> int:
    """`fill_history` for objects just bulk-created (their keys are set)."""
    pks = [o.pk for o in objects if o.pk is not None]
    return fill_history(model, pk_from=min(pks), change_reason=change_reason) if pks else 0


# Models whose "+" rows fill_history has written since the last CreatedHistory() began,
# with the lowest key it wrote from: CreatedHistory.fill() need not look at them again.
_filled: dict = {}


def history_models() -> list:
    """Every model with django-simple-history (not the historical models themselves)."""
    return [
        model
        for model in apps.get_models()
        if getattr(model._meta, "simple_history_manager_attribute", None)
        and not hasattr(model, "instance_type")  # a historical model points at its source
    ]


class CreatedHistory:
    """Around a bulk-writing step (a seeder): made before it, it notes each history
    model's top key; `fill()` after it gives every row above that top which has no
    history row yet (bulk_create, COPY, queryset writes) its "+" row, one
    `INSERT ... SELECT` per model. Rows the step saved through a service, or whose
    history it filled itself, are left as they are. `everything`: every row of every
    table (rows written before, e.g. reference data from migrations)."""

    def __init__(self, *, everything: bool = False) -> None:
        _filled.clear()
        self.tops = {}
        for model in history_models():
            top = 0 if everything else model._base_manager.aggregate(m=models.Max("pk"))["m"]
            self.tops[model] = top or 0

    def fill(self, change_reason: str = "Demo data") -> dict:
        written = {}
        for model, top in self.tops.items():
            done_from = _filled.get(model)
            if done_from is not None and done_from <= top + 1:
                continue
            n = fill_history(model, pk_from=top + 1, change_reason=change_reason, missing=True)
            if n:
                written[model] = n
        return written


def fill_history(
    model, *, pk_from: int | None, change_reason: str = "Demo data", missing: bool = False
) -> int:
    """Write the "+" (created) history row of every `model` row with pk >= pk_from (the
    rows this run made); returns how many. A no-op for a model without history. With
    `missing`, only rows that have no history row yet."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    history = getattr(model, attribute, None) if attribute else None
    if history is None or pk_from is None:
        return 0
    if not missing:
        _filled[model] = min(pk_from, _filled.get(model, pk_from))
    historical = history.model
    source = {f.column for f in model._meta.concrete_fields}
    targets, selects, params = [], [], []
    for f in historical._meta.concrete_fields:
        column = f.column
        if column == "history_id":
            continue
        if column in source:
            targets.append(column)
            selects.append(f"t.{connection.ops.quote_name(column)}")
        elif column == "history_date":
            targets.append(column)
            selects.append("%s")
            params.append(timezone.now())
        elif column == "history_type":
            targets.append(column)
            selects.append("%s")
            params.append("+")
        elif column == "history_change_reason":
            targets.append(column)
            selects.append("%s")
            params.append(change_reason)
        elif f.null:
            continue
        else:
            raise ValueError(f"{historical.__name__}.{column}: no value to fill")
    q = connection.ops.quote_name
    pk_column = q(model._meta.pk.column)
    # Names come from the models, never from input.
    into = f"{q(historical._meta.db_table)} ({', '.join(q(c) for c in targets)})"
    source_table = q(model._meta.db_table)
    sql = f"INSERT INTO {into} SELECT {', '.join(selects)} FROM {source_table} t WHERE t.{pk_column} >= %s"  # noqa: S608, E501
    if missing:
        history_table = q(historical._meta.db_table)
        match = f"h.{pk_column} = t.{pk_column}"
        sql += f" AND NOT EXISTS (SELECT 1 FROM {history_table} h WHERE {match})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk_from])
        return cursor.rowcount


# Every single-column foreign key in the schema: (table, column, referenced table, column).
_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1
  AND c.connamespace = current_schema()::regnamespace
ORDER BY 1, 2
"""


@contextmanager
def foreign_keys_checked_at_end():
    """For one large seeding transaction on PostgreSQL: switch off the per-row foreign
    key triggers (each bulk-written row would queue one check per key, all run one by
    one at COMMIT: minutes at national scale) and check every foreign key once at the
    end, set-based (one anti-join per key), raising if any row points nowhere.

    Needs a superuser (session_replication_role); otherwise, and elsewhere than
    PostgreSQL, the usual per-row checks run. Must be used inside a transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not (row and row[0]):
            yield
            return
        cursor.execute("SET LOCAL session_replication_role = replica")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = origin")
        check_foreign_keys(cursor)


def check_foreign_keys(cursor) -> int:
    """Raise IntegrityError if any row's foreign key points at no row; returns how many
    keys were checked."""
    q = connection.ops.quote_name
    cursor.execute(_FOREIGN_KEYS)
    keys = cursor.fetchall()
    for table, column, target, target_column in keys:
        # regclass text is already quoted where needed; columns come from the catalogue.
        sql = (
            f"SELECT t.{q(column)} FROM {table} t WHERE t.{q(column)} IS NOT NULL "  # noqa: S608
            f"AND NOT EXISTS (SELECT 1 FROM {target} r WHERE r.{q(target_column)} = t.{q(column)}) "
            "LIMIT 1"
        )
        cursor.execute(sql)
        missing = cursor.fetchone()
        if missing:
            raise IntegrityError(
                f"{table}.{column} = {missing[0]} points at no row of {target}.{target_column}"
            )
    return len(keys)
