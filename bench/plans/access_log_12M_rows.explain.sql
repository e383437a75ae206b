\timing on
-- Current indexes (case_id alone; staff_id, at)
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM access_accesslog WHERE case_id = 123457 ORDER BY at DESC, id DESC LIMIT 50;
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM access_accesslog WHERE staff_id = 4242 ORDER BY at DESC, id DESC LIMIT 50;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM access_accesslog WHERE at >= now() - interval '1 day';
CREATE INDEX accesslog_case_at_idx ON access_accesslog (case_id, at);
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM access_accesslog WHERE case_id = 123457 ORDER BY at DESC, id DESC LIMIT 50;
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM access_accesslog WHERE case_id = 123459 ORDER BY at DESC, id DESC LIMIT 50;
-- Write cost: 2,000 single-row inserts, each its own statement, with all 9 indexes
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS t;
DO $$ BEGIN FOR i IN 1..2000 LOOP
  INSERT INTO access_accesslog (at, kind, username, client_id, acting_person, case_id, case_crn, page, method, relationship, reason, staff_id)
  VALUES (now(), 'view', 'u', '', '', 1 + (hashint4(i) & 262143) % 260000, 'X' || i, '/cases/X/', 'GET', 'allocated_officer', '', 1 + i % 8000);
END LOOP; END $$;
SELECT 'insert us/row, 9 indexes', extract(epoch FROM clock_timestamp() - t) * 1e6 / 2000 FROM t0;
DROP INDEX access_accesslog_case_id; DROP INDEX access_accesslog_staff_id;
CREATE TEMP TABLE t1 AS SELECT clock_timestamp() AS t;
DO $$ BEGIN FOR i IN 1..2000 LOOP
  INSERT INTO access_accesslog (at, kind, username, client_id, acting_person, case_id, case_crn, page, method, relationship, reason, staff_id)
  VALUES (now(), 'view', 'u', '', '', 1 + (hashint4(i) & 262143) % 260000, 'X' || i, '/cases/X/', 'GET', 'allocated_officer', '', 1 + i % 8000);
END LOOP; END $$;
SELECT 'insert us/row, 7 indexes', extract(epoch FROM clock_timestamp() - t) * 1e6 / 2000 FROM t1;
SELECT pg_size_pretty(pg_total_relation_size('access_accesslog')) total, pg_size_pretty(pg_indexes_size('access_accesslog')) indexes;
