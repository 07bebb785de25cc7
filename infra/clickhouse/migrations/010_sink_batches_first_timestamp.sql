-- The Kafka timestamp of each recorded batch's first record. Offsets alone do not name records
-- once a topic is created anew (an embedded broker keeps nothing across restarts while
-- ClickHouse keeps its data): a batch is rebuilt only when the record at its first offset is the
-- one recorded, and the timestamp is part of the insert_deduplication_token.
ALTER TABLE sink_batches ADD COLUMN IF NOT EXISTS first_timestamp Int64 DEFAULT 0;
