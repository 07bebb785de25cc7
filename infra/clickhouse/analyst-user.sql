-- The read-only ClickHouse user behind POST /api/sql on an external server: SELECT on the
-- Streams database only and no SOURCES grants (the file, url, s3, remote, ... table functions
-- need them), so the server refuses what the API's allowlist might ever miss. Run once as an
-- admin user, after putting in a password of your own (and your database if not `default`):
--   clickhouse client --queries-file infra/clickhouse/analyst-user.sql
-- then give the API the user:  Api__Sql__Username=streams_analyst  Api__Sql__Password=…
-- The API sets readonly=1 and the limits of Api:Sql on every analyst query, so the user needs
-- no settings profile (a readonly profile would forbid the API to set those limits).
-- The embedded engine (chDB) has no access control: there the allowlist and readonly=1 are
-- the locks (SECURITY.md).
CREATE USER IF NOT EXISTS streams_analyst IDENTIFIED WITH sha256_password BY 'CHANGE-ME';
REVOKE ALL ON *.* FROM streams_analyst;
GRANT SELECT ON default.* TO streams_analyst;
