#!/usr/bin/env bash
# The benchmarks: start the runnable jar on a fresh embedded database in a temporary
# PAPERCLIP_HOME and run bench/Bench.java against it, which prints latency percentiles and
# throughput. Build first: ./mvnw -q install -DskipTests
#   bench/run.sh [issues [N]]   the issue API with N seeded issues (default 100,000)
#   bench/run.sh heartbeat      invoke latency, a tick with 1,000 due agents, memory with 100 live runs
#   bench/run.sh costs [N]      cost-event ingestion with budget enforcement; cost reads over N seeded events (default 1,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=issues
if [ "${1:-}" = heartbeat ] || [ "${1:-}" = issues ] || [ "${1:-}" = costs ]; then mode=$1; shift; fi
issues="${1:-100000}"
events="${1:-1000000}"
jar=micro/target/paperclip-ee-microbundle.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q install -DskipTests" >&2; exit 1; }
driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
home=$(mktemp -d /tmp/paperclip-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# the heartbeat bench waits for timer ticks: the shortest period the environment allows
PAPERCLIP_HOME="$home" PORT="$port" HEARTBEAT_SCHEDULER_INTERVAL_MS=10000 java -Xmx1g -jar "$jar" > "$home/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/health" | grep -q '"ok"' && break
  sleep 1
done
dbport=$(sed -n 4p "$home/instances/default/db/postmaster.pid")
echo "application on port $port, embedded PostgreSQL on port $dbport; $(nproc) cores"
if [ "$mode" = costs ]; then
  java -cp "$driver" bench/Bench.java "http://127.0.0.1:$port/api" \
    "jdbc:postgresql://127.0.0.1:$dbport/paperclip?user=postgres" costs "$events"
elif [ "$mode" = heartbeat ]; then
  java -cp "$driver" bench/Bench.java "http://127.0.0.1:$port/api" \
    "jdbc:postgresql://127.0.0.1:$dbport/paperclip?user=postgres" heartbeat "$app" "$home/app.log"
else
  java -cp "$driver" bench/Bench.java "http://127.0.0.1:$port/api" \
    "jdbc:postgresql://127.0.0.1:$dbport/paperclip?user=postgres" "$issues"
fi
