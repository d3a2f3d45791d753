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

# nginx serves a saved copy of each page, as the physical limit to compare against.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 || apt-get install -y -qq nginx >/dev/null; fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# Starts nginx on $NGINX_PORT serving directory $1 (files without extension are sent as HTML).
start_nginx() {
  local root=$1
  mkdir -p "$root/.nginx/logs"
  cat > "$root/.nginx/nginx.conf" <<CONF
worker_processes 1;
pid $root/.nginx/nginx.pid;
error_log $root/.nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$NGINX_PORT; root $root; location / { try_files \$uri =404; } }
}
CONF
  "$NGINX" -p "$root/.nginx" -c "$root/.nginx/nginx.conf"
}

stop_nginx() { [ -f "$1/.nginx/nginx.pid" ] && kill "$(cat "$1/.nginx/nginx.pid")" 2>/dev/null || true; }
