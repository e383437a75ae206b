"""Counting a page's queries, and saying which ones grew when the count does."""

import os
import re
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Seed `N` rows, measure, seed `2 * N` more (3N in all), measure again.
N = 2


def shape(sql: str) -> str:
    """The query with its literals and IN-lists taken out, so one query per row shows
    as one shape counted many times."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r'"s\d+_x\d+"', '"savepoint"', sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"IN \((?:\?|%s)(?:, (?:\?|%s))*\)", "IN (...)", sql)
    # A bulk INSERT of many rows is one query: its VALUES lists count as one.
    sql = re.sub(r"(?<=\))(?:, \((?:\?|NULL|%s)(?:, (?:\?|NULL|%s))*\))+", "", sql)
    return sql


def grown(few: list[dict], many: list[dict]) -> str:
    """The shapes run more often with more rows, most grown first."""
    before = Counter(shape(q["sql"]) for q in few)
    after = Counter(shape(q["sql"]) for q in many)
    lines = [
        f"  {before[sql]} -> {after[sql]}: {sql[:400]}"
        for sql in sorted(after | before, key=lambda s: before[s] - after[s])
        if after[sql] != before[sql]
    ]
    return "\n".join(lines)


def read(client, url: str):
    """GET the page (its body read to the end, for streamed responses) and the queries
    it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode(), list(captured.captured_queries)


def report(*measured) -> None:
    """Append one tab-separated row of measured counts to the file named by
    $BUDGET_REPORT, when it is set (how the budgets' measures are gathered for a table)."""
    if os.environ.get("BUDGET_REPORT"):
        with open(os.environ["BUDGET_REPORT"], "a") as file:
            file.write("\t".join(str(value) for value in measured) + "\n")


def assert_did_not_grow(what: str, few: list[dict], many: list[dict]) -> None:
    """The same number of queries with 3N rows as with N; if not, say which grew."""
    assert len(many) == len(few), (
        f"{what}: {len(few)} queries with {N} rows, {len(many)} with {3 * N}; grown:\n"
        f"{grown(few, many)}"
    )
