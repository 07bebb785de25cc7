-- One row per log line (topic logs.raw). message has a token bloom filter so that
-- hasToken(message, 'timeout') and message LIKE '%timeout%' skip granules without the word.
CREATE TABLE IF NOT EXISTS logs
(
    ts DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    received_at Nullable(DateTime64(3, 'UTC')),
    host LowCardinality(String),
    app LowCardinality(String),
    severity LowCardinality(String),
    facility Nullable(UInt8),
    message String CODEC(ZSTD(3)),
    template_id LowCardinality(String),
    structured_data Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    proc_id String,
    msg_id LowCardinality(String),
    source LowCardinality(String),
    origin LowCardinality(String),
    parse_error Bool,
    raw_line Nullable(String) CODEC(ZSTD(3)),
    INDEX message_tokens message TYPE tokenbf_v1(32768, 3, 0) GRANULARITY 4,
    INDEX template template_id TYPE set(1000) GRANULARITY 4
)
ENGINE = MergeTree
PARTITION BY toDate(ts)
ORDER BY (host, ts)
TTL toDateTime(ts) + toIntervalDay(30)
SETTINGS non_replicated_deduplication_window = 1000;
