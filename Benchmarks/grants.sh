#!/usr/bin/env bash
# Calls and grant results with the demo data: release build, wrk on the public call list, a
# call's rules page and last year's results page (rendered from SQLite every request).
# Usage: bash Benchmarks/grants.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8186}
source Benchmarks/lib.sh
swift build -c release --product kyodo >/dev/null
DIR=$(mktemp -d)
.build/release/kyodo seed-demo --db "$DIR/bench.db" >/dev/null
.build/release/kyodo serve --port "$PORT" --quiet --db "$DIR/bench.db" --data-dir "$DIR" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
wait_for_server
for path in /calls /calls/2 /calls/2/results; do
  echo "== $path ($(curl -s "http://127.0.0.1:$PORT$path" | wc -c) bytes)"
  wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$PORT$path" | summary
done
grep VmHWM "/proc/$(worker_pid)/status"
