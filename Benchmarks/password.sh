#!/usr/bin/env bash
# Cost of one password hash (PBKDF2-HMAC-SHA256, 600,000 iterations) as users feel it: the time
# of a sign-in request against a release build, which is the hash plus a few milliseconds.
# Usage: bash Benchmarks/password.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8182}
swift build -c release --product kyodo >/dev/null
DIR=$(mktemp -d)
echo "bench-passphrase-1" | .build/release/kyodo create-user --email bench@example.jp --name Bench --role admin --db "$DIR/b.db" >/dev/null
.build/release/kyodo serve --port "$PORT" --quiet --db "$DIR/b.db" --data-dir "$DIR" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
times=()
for _ in $(seq 7); do
  rm -f "$DIR/jar"
  token=$(curl -s -c "$DIR/jar" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  t=$(curl -s -o /dev/null -b "$DIR/jar" -w '%{time_total}' --data-urlencode "_csrf=$token" \
        --data-urlencode "email=bench@example.jp" --data-urlencode "password=bench-passphrase-1" "http://127.0.0.1:$PORT/login")
  times+=("$t")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "sign-in request (one PBKDF2 hash + request): median %.0f ms, min %.0f ms, max %.0f ms over %d runs\n", a[int((NR+1)/2)]*1000, a[1]*1000, a[NR]*1000, NR}'
