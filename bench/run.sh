#!/usr/bin/env bash
# The issue-API benchmark: starts the runnable jar on a fresh embedded database in a temporary
# PAPERCLIP_HOME, seeds 100,000 issues and prints latency percentiles and throughput
# (bench/Bench.java). Usage: bench/run.sh [issues]   (build first: ./mvnw -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
issues="${1:-100000}"
jar=micro/target/paperclip-ee-microbundle.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q install -DskipTests" >&2; exit 1; }
driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
home=$(mktemp -d /tmp/paperclip-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
PAPERCLIP_HOME="$home" PORT="$port" java -Xmx1g -jar "$jar" > "$home/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$home"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/health" | grep -q '"ok"' && break
  sleep 1
done
dbport=$(sed -n 4p "$home/instances/default/db/postmaster.pid")
echo "application on port $port, embedded PostgreSQL on port $dbport; $(nproc) cores"
java -cp "$driver" bench/Bench.java "http://127.0.0.1:$port/api" \
  "jdbc:postgresql://127.0.0.1:$dbport/paperclip?user=postgres" "$issues"
