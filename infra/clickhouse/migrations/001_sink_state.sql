-- Sink bookkeeping. Before the sink inserts a batch it records the batch's offset range here;
-- after a crash the next owner of the partition rebuilds exactly that batch, so the retried
-- insert carries the same insert_deduplication_token and ClickHouse drops it if it had landed.
CREATE TABLE IF NOT EXISTS sink_batches
(
    consumer_group LowCardinality(String),
    topic LowCardinality(String),
    partition UInt32,
    first_offset Int64,
    last_offset Int64,
    created_at DateTime64(3) DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY (consumer_group, topic, partition, first_offset)
TTL toDateTime(created_at) + INTERVAL 7 DAY;
