-- The functions analysts may call through POST /api/sql: pure computation over the rows a
-- query reads. Run against the ClickHouse that Streams embeds (chDB, see infra/setup) to
-- regenerate pipelines/Api/Streams.Api/Data/AllowedFunctions.tsv after an engine upgrade;
-- review the diff: a function a newer engine adds stays refused until it is listed here.
--   curl -s http://127.0.0.1:8123/ --data-binary @infra/clickhouse/analyst-functions.sql
-- Whole categories of computation, then a reviewed handful of "Other". Never listed: anything
-- that reads files or URLs (file, filesystem*, catboostEvaluate, naiveBayesClassifier*,
-- ai*), dictionaries (dictGet*, region*), other tables by name (joinGet, hasColumnInTable),
-- the server's identity and settings (hostName, FQDN, getSetting, getServerSetting, getMacro,
-- showCertificate, serverUUID, getOSKernelVersion, ...), introspection, sleeping, and the
-- distributed global* operators.
WITH
    ['Aggregate Functions', 'Type Conversion', 'Dates and Times', 'Arrays', 'String', 'Geo', 'Hash',
     'String Search', 'JSON', 'URL', 'Mathematical', 'Arithmetic', 'Geo Polygon', 'Map', 'IP Address',
     'Comparison', 'Tuple', 'Distance', 'Random Number', 'Bitmap', 'Time Series', 'NumericIndexedVector',
     'Bit', 'Encoding', 'UUID', 'String Splitting', 'String Replacement', 'Null', 'Rounding', 'Time Window',
     'Machine Learning', 'Encryption', 'Conditional', 'Logical', 'Financial', 'QBit'] AS categories_allowed,
    ['bar', 'blockNumber', 'blockSize', 'byteSize', 'countDigits', 'currentDatabase', 'defaultValueOfArgumentType',
     'defaultValueOfTypeName', 'digits', 'dumpColumnStructure', 'finalizeAggregation', 'formatReadableDecimalSize',
     'formatReadableQuantity', 'formatReadableSize', 'formatReadableTimeDelta', 'getSizeOfEnumType', 'getSubcolumn',
     'identity', 'ignore', 'indexHint', 'initializeAggregation', 'isConstant', 'isDecimalOverflow',
     'lowCardinalityIndices', 'lowCardinalityKeys', 'MACNumToString', 'MACStringToNum', 'MACStringToOUI',
     'materialize', 'minSampleSizeContinuous', 'minSampleSizeConversion', 'neighbor', 'parseReadableSize',
     'parseReadableSizeOrNull', 'parseReadableSizeOrZero', 'parseTimeDelta', 'rowNumberInAllBlocks',
     'rowNumberInBlock', 'runningAccumulate', 'runningDifference', 'runningDifferenceStartingWithFirstValue',
     'throwIf', 'toColumnTypeName', 'toTypeName', 'transform', 'variantElement', 'variantType', 'version',
     'visibleWidth', 'colorOKLABToSRGB', 'colorOKLCHToSRGB', 'colorSRGBToOKLAB', 'colorSRGBToOKLCH',
     'flipCoordinates'] AS other_allowed,
    ['naiveBayesClassifier', 'naiveBayesClassifierWithAllProbs', 'naiveBayesClassifierWithProb'] AS refused,
    (SELECT groupArray(name) FROM system.functions
     WHERE alias_to = '' AND (has(categories_allowed, categories) OR has(other_allowed, name))
       AND NOT has(refused, name) AND NOT startsWith(name, 'global')) AS base
-- name, then 1 for an aggregate function (its -If, -State, ... combinations are allowed too)
SELECT name, is_aggregate FROM system.functions
WHERE has(base, name) OR (alias_to != '' AND has(base, alias_to))
ORDER BY name
FORMAT TSV
