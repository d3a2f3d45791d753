#!/usr/bin/env bash
# Directory benchmark: 10,000 generated organisations, release build, wrk on the directory page
# (page 7, 50 rows, full layout) and on one organisation's page, served from the public page
# cache and rendered afresh; prints requests/s, latency and the server's peak RSS. Usage: bash Benchmarks/directory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8183}
source Benchmarks/lib.sh
swift build -c release --product kyodo >/dev/null
DIR=$(mktemp -d)
.build/release/kyodo migrate --db "$DIR/bench.db" >/dev/null
python3 Benchmarks/generate_organisations.py "$DIR/bench.db" 10000
.build/release/kyodo serve --port "$PORT" --quiet --db "$DIR/bench.db" --data-dir "$DIR" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
wait_for_server

page="http://127.0.0.1:$PORT/organisations?page=7"
echo "== directory page 7: $(curl -s "$page" | wc -c) bytes, $(curl -s "$page" | grep -c 'class="card"') rows"
wrk -t2 -c64 -d10s --latency "$page" | summary
org="http://127.0.0.1:$PORT/organisations/4242"
echo "== one organisation's page: $(curl -s "$org" | wc -c) bytes"
wrk -t2 -c64 -d10s --latency "$org" | summary
# The same pages rendered from SQLite every time: a flash cookie makes a request uncacheable.
echo "== directory page 7, uncached (rendered from SQLite on every request)"
wrk -t2 -c64 -d10s --latency -H "Cookie: kyodo_flash=none" "$page" | summary
echo "== one organisation's page, uncached"
wrk -t2 -c64 -d10s --latency -H "Cookie: kyodo_flash=none" "$org" | summary
echo "== search ?q=子育て (trigram FTS)"
wrk -t2 -c64 -d10s --latency "http://127.0.0.1:$PORT/organisations?q=%E5%AD%90%E8%82%B2%E3%81%A6" | summary
grep -E "VmHWM|VmRSS" "/proc/$(worker_pid)/status"
