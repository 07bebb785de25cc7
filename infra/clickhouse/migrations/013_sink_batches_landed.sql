-- A recorded batch range is recorded again with landed = true once its insert is confirmed.
-- ClickHouse's deduplication log of a non-replicated table lives in the server's memory until it
-- rotates, so after the server is killed a retried insert's token is no longer known: the sink
-- skips a landed batch instead of relying on the token.
ALTER TABLE sink_batches ADD COLUMN IF NOT EXISTS landed Bool DEFAULT false;
