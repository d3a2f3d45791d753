#!/usr/bin/env bash
# Pages as signed-in staff get them (never from the public page cache), next to nginx serving the
# same bytes from a file in the same run. 10,000 generated organisations and a call with 200
# applications; with SCALE=100, 50,000 organisations and 40 calls × 500 applications (20,000) and
# wrk -c16. Release build. Usage: bash Benchmarks/render.sh   (or SCALE=100 bash Benchmarks/render.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8187}
NGINX_PORT=${NGINX_PORT:-8188}
SCALE=${SCALE:-1}
source Benchmarks/lib.sh
swift build -c release --product kyodo >/dev/null
DIR=$(mktemp -d)
STATIC="$DIR/static"
mkdir -p "$STATIC"
.build/release/kyodo migrate --db "$DIR/bench.db" >/dev/null
if [ "$SCALE" = 100 ]; then
  python3 Benchmarks/generate_organisations.py "$DIR/bench.db" 50000
  python3 Benchmarks/generate_applications.py "$DIR/bench.db" 40 500
  CONNECTIONS=16
else
  python3 Benchmarks/generate_organisations.py "$DIR/bench.db" 10000
  python3 Benchmarks/generate_applications.py "$DIR/bench.db" 1 200
  CONNECTIONS=64
fi
printf 'staff-bench-passphrase\n' | .build/release/kyodo create-user --db "$DIR/bench.db" --email staff@bench.example.jp \
  --name "職員 ベンチ" --role staff >/dev/null
.build/release/kyodo serve --port "$PORT" --quiet --db "$DIR/bench.db" --data-dir "$DIR" &
PID=$!
trap 'kill $PID 2>/dev/null || true; stop_nginx "$STATIC"; rm -rf "$DIR"' EXIT
wait_for_server
start_nginx "$STATIC"

# Sign in through the form like a browser: CSRF cookie and token from the page, then the session.
JAR="$DIR/cookies"
token=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "email=staff@bench.example.jp" \
  --data-urlencode "password=staff-bench-passphrase" "http://127.0.0.1:$PORT/login"
SESSION=$(awk '$6 == "kyodo_session" {print $7}' "$JAR")
[ -n "$SESSION" ] || { echo "sign-in failed"; exit 1; }

run() {
  local name=$1 path=$2
  curl -s -H "Cookie: kyodo_session=$SESSION" "http://127.0.0.1:$PORT$path" > "$STATIC/$name"
  echo "== $path as staff ($(wc -c < "$STATIC/$name") bytes)"
  printf 'kyodo  '; wrk -t2 -c"$CONNECTIONS" -d10s --latency -H "Cookie: kyodo_session=$SESSION" "http://127.0.0.1:$PORT$path" | summary
  printf 'nginx  '; wrk -t2 -c"$CONNECTIONS" -d10s --latency "http://127.0.0.1:$NGINX_PORT/$name" | summary
}
run directory "/organisations?page=7"
run organisation "/organisations/4242"
run applications "/staff/calls/1/applications?page=2"
run calls "/staff/calls"
echo "== worker memory"
grep -E "VmHWM|VmRSS" "/proc/$(worker_pid)/status"
