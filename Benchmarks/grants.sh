#!/usr/bin/env bash
# Calls and grant results with the demo data: release build, wrk on the public call list, a
# call's rules page and last year's results page (rendered from SQLite every request).
# Usage: bash Benchmarks/grants.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8186}
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else echo "install wrk"; exit 1; fi
fi
swift build -c release --product kyodo >/dev/null
DIR=$(mktemp -d)
.build/release/kyodo seed-demo --db "$DIR/bench.db" >/dev/null
.build/release/kyodo serve --port "$PORT" --quiet --db "$DIR/bench.db" --data-dir "$DIR" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s  p50 %s  p99 %s\n", rps, p50, p99}'
}
for path in /calls /calls/2 /calls/2/results; do
  echo "== $path ($(curl -s "http://127.0.0.1:$PORT$path" | wc -c) bytes)"
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$PORT$path" | summary
done
grep VmHWM "/proc/$PID/status"
