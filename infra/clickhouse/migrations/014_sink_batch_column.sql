-- Each row the sink writes carries its batch's deduplication token, filled in by ClickHouse from
-- the insert's own insert_deduplication_token setting, so the rows and the proof that they landed
-- are one atomic part. ClickHouse keeps a non-replicated table's deduplication log in a buffer
-- until it rotates, and the sink records a batch as landed only after its insert returns: a
-- process killed between the two (chDB dies with the sink) left a landed batch that neither the
-- log nor sink_batches knew, and its replay wrote every row twice. The sink now counts a rebuilt
-- batch's rows by this column before it inserts again. Empty for rows written by anything else.
-- MATERIALIZED keeps the tables as their users know them: not in SELECT *, not expected by an
-- INSERT without a column list. The set index keeps the count to the granules holding the token.
ALTER TABLE metrics_raw ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE metrics_raw ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
ALTER TABLE metric_windows ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE metric_windows ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
ALTER TABLE logs ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE logs ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
ALTER TABLE anomalies ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE anomalies ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE alerts ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE notifications ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
ALTER TABLE forecasts ADD COLUMN IF NOT EXISTS sink_batch LowCardinality(String) MATERIALIZED getSetting('insert_deduplication_token');
ALTER TABLE forecasts ADD INDEX IF NOT EXISTS sink_batch_index sink_batch TYPE set(16) GRANULARITY 1;
