# Shared by the benchmark scripts: installs wrk when missing (as root), and `summary` turns
# `wrk --latency` output into one line of requests/s, p50 and p99.
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else echo "install wrk"; exit 1; fi
fi

summary() {
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s  p50 %s  p99 %s\n", rps, p50, p99}'
}

# Waits until the server on $PORT answers /healthz.
wait_for_server() {
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.1; done
}

# `kyodo serve` is a supervisor with one worker process; memory figures are the worker's.
worker_pid() {
  pgrep -P "$PID" -n 2>/dev/null || echo "$PID"
}
