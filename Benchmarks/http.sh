#!/usr/bin/env bash
# HTTP layer benchmark: release build, wrk on loopback against /healthz and a static file,
# sequential keep-alive latency, and peak RSS with 10,000 idle keep-alive connections.
# Usage: bash Benchmarks/http.sh   (installs wrk when missing and run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8181}

source Benchmarks/lib.sh

swift build -c release --product kyodo >/dev/null
DB_DIR=$(mktemp -d)
.build/release/kyodo serve --port "$PORT" --quiet --max-connections 10100 --max-connections-per-address 0 --db "$DB_DIR/bench.db" --data-dir "$DB_DIR" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DB_DIR"' EXIT
wait_for_server


echo "== wrk -t2 -c64 -d10s --latency /healthz"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$PORT/healthz" | summary
echo "== wrk -t2 -c64 -d10s --latency /static/css/site.css (static file)"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$PORT/static/css/site.css" | summary
echo "== 200 sequential keep-alive requests on one connection"
python3 Benchmarks/sequential.py "$PORT" 200
echo "== 10,000 idle keep-alive connections"
python3 Benchmarks/idle_connections.py "$PORT" 10000 "$(worker_pid)"
echo "== server peak RSS (VmHWM) over the whole run"
grep VmHWM "/proc/$(worker_pid)/status"
