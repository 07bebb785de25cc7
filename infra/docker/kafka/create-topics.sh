#!/usr/bin/env bash
# Creates the topic catalogue (schemas/Streams.Schemas/Topics/TopicCatalogue.cs) on a real Kafka
# cluster, so that the roles run with Kafka__ProvisionTopics=false and need no admin rights.
# Runs in the apache/kafka image as docker-compose.kafka.yml's one-shot `topics` service.
# Safe to run again: existing topics are kept, but one whose partition count differs from the
# catalogue fails the run, because keys would then hash to other partitions than the stages expect.
# Environment: KAFKA_BOOTSTRAP (default kafka:9092), KAFKA_WAIT_SECONDS (default 120),
# KAFKA_REPLICATION_FACTOR (default: 3, or the broker count where the cluster has fewer).
set -euo pipefail

readonly bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
readonly wait_seconds="${KAFKA_WAIT_SECONDS:-120}"
readonly bin="${KAFKA_BIN:-/opt/kafka/bin}"

# One topic a line: name, partitions, cleanup.policy, retention.ms (-1: forever).
# Tests/infra/Streams.Deployment.Tests compares this table with TopicCatalogue.All.
readonly TOPICS='
metrics.raw      12 delete  86400000
logs.raw         12 delete  86400000
metrics.clean    12 delete  86400000
metrics.windows  12 delete  259200000
logs.clean       12 delete  86400000
logs.windows     12 delete  259200000
anomalies         3 delete  604800000
alerts            3 delete  2592000000
notifications     3 delete  2592000000
notifications.dashboard 1 delete 86400000
forecasts         3 delete  604800000
deadletter        3 delete  1209600000
labels            1 delete  2592000000
alert-rules       1 compact -1
models            1 compact -1
api-keys          1 compact -1
_schemas          1 compact -1
'

log() { printf 'create-topics: %s\n' "$*"; }
fail() { printf 'create-topics: error: %s\n' "$*" >&2; exit 1; }

count_brokers() { "${bin}/kafka-broker-api-versions.sh" --bootstrap-server "${bootstrap}" 2>/dev/null | grep -c ' (id: '; }
# In KRaft combined mode (docker-compose.kafka.yml) every node is broker and controller, so the
# quorum's voters say how many brokers to wait for: 1 in the `single` profile, 3 in `cluster`.
count_voters() { "${bin}/kafka-metadata-quorum.sh" --bootstrap-server "${bootstrap}" describe --replication 2>/dev/null | grep -cwE 'Leader|Follower'; }

# The brokers start alongside this service (nothing can depend on a broker whose profile is off),
# and topics need enough brokers registered for their replicas.
deadline=$((SECONDS + wait_seconds))
until brokers="$(count_brokers)" \
    && wanted="${KAFKA_REPLICATION_FACTOR:-$(count_voters)}" && (( wanted > 0 && brokers >= wanted )); do
    (( SECONDS < deadline )) || fail "fewer than ${wanted:-the expected} brokers answered at ${bootstrap} within ${wait_seconds} s"
    sleep 2
done

# Three copies where there are three brokers or more, else one per broker.
replication="${KAFKA_REPLICATION_FACTOR:-$(( brokers < 3 ? brokers : 3 ))}"
log "${brokers} broker(s) at ${bootstrap}; replication factor ${replication}"

while read -r name partitions cleanup retention; do
    [[ -n "${name}" ]] || continue
    "${bin}/kafka-topics.sh" --bootstrap-server "${bootstrap}" --create --if-not-exists \
        --topic "${name}" --partitions "${partitions}" --replication-factor "${replication}" \
        --config "cleanup.policy=${cleanup}" --config "retention.ms=${retention}" >/dev/null
    actual="$("${bin}/kafka-topics.sh" --bootstrap-server "${bootstrap}" --describe --topic "${name}" \
        | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)"
    [[ "${actual}" == "${partitions}" ]] \
        || fail "topic ${name} has ${actual:-no} partitions; the catalogue says ${partitions} (delete it or add partitions by hand)"
    log "${name}: ${partitions} partitions, ${cleanup}, retention.ms=${retention}"
done <<< "${TOPICS}"
log "done"
