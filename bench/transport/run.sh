#!/usr/bin/env bash
# Throughput of N album fetches (one source, partition.id = 1..N) from a local
# nginx on loopback: datatap at concurrency 1 and 8, side by side in one run
# with curl (one process, all URLs, keep-alive) and wrk at the same concurrency.
#
#   bench/transport/run.sh [N]        (default 5000; RUNS=5 rounds; needs nginx-light and wrk)
#
# Prints a Markdown table; bench/README.md quotes it.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${1:-5000}
RUNS=${RUNS:-5}
scripts/bootstrap nginx-light wrk
[ -x build/bin/datatap ] || scripts/build >/dev/null

work=$(mktemp -d)
# nginx workers run as an unprivileged user: the files must be readable to them.
chmod 755 "$work"
nginx_pid=
cleanup() {
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/www/albums" "$work/logs"
for ((i = 1; i <= N; i++)); do
  printf '{"userId":%d,"id":%d,"title":"album number %d of the benchmark"}' $(((i - 1) / 10 + 1)) "$i" "$i" >"$work/www/albums/$i"
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/logs;
  proxy_temp_path $work/logs;
  fastcgi_temp_path $work/logs;
  uwsgi_temp_path $work/logs;
  scgi_temp_path $work/logs;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    default_type application/json;
    location /albums/ {
      if (\$http_authorization != "Basic your_api_token_here") { return 401; }
    }
  }
}
NGINX
nginx -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do
  curl -sf -o /dev/null -H "Authorization: Basic your_api_token_here" "http://127.0.0.1:$port/albums/1" && break
  sleep 0.1
done

for c in 1 8; do
  cat >"$work/c$c.ini" <<INI
[datatap]
concurrency = $c
output = ndjson
[auth.bench]
strategy = basic-token
token = your_api_token_here
[source.albums]
url = http://127.0.0.1:$port/albums/{id}
partition.id = 1..$N
auth = bench
decoder = album
INI
done
# A check that every request decoded, before timing anything.
[ "$(build/bin/datatap -c "$work/c8.ini" | wc -l)" -eq "$N" ]

cat >"$work/cycle.lua" <<LUA
local i = 0
wrk.headers["Authorization"] = "Basic your_api_token_here"
request = function()
  i = i % $N + 1
  return wrk.format("GET", "/albums/" .. i)
end
LUA

# Rounds, each running every client once in turn, so that a machine that gets
# busier or quieter during the run shifts all of them alike; the table gives
# each client's median over the rounds and each ratio's median and range.
python3 - "$work" "$N" "$RUNS" "$port" <<'PY'
import re, statistics, subprocess, sys, time

work, n, rounds, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
devnull = subprocess.DEVNULL

def timed(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=devnull, stderr=devnull, check=True)
    return n / (time.perf_counter() - start)

def wrk(connections):
    out = subprocess.run(["wrk", f"-t{min(connections, 2)}", f"-c{connections}", "-d3s", "-s", f"{work}/cycle.lua", f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))

clients = {
    "datatap c=1": lambda: timed(["build/bin/datatap", "-c", f"{work}/c1.ini"]),
    "datatap c=8": lambda: timed(["build/bin/datatap", "-c", f"{work}/c8.ini"]),
    "curl": lambda: timed(["curl", "-s", "-H", "Authorization: Basic your_api_token_here", f"http://127.0.0.1:{port}/albums/[1-{n}]"]),
    "wrk -c1": lambda: wrk(1),
    "wrk -c8": lambda: wrk(8),
}
for measure in clients.values():  # warm-up: files cached, nginx's workers up
    measure()
results = {name: [] for name in clients}
for _ in range(rounds):
    for name, measure in clients.items():
        results[name].append(measure())

median = {name: statistics.median(values) for name, values in results.items()}
def ratio(a, b):
    per_round = [x / y for x, y in zip(results[a], results[b])]
    return f"{median[a] / median[b]:.2f}x {b} (rounds {min(per_round):.2f}-{max(per_round):.2f})"

print(f"{rounds} rounds, N = {n}; requests/s, median of the rounds")
print()
print("| client | requests/s | ratio |")
print("| --- | ---: | --- |")
print(f"| curl, one process, keep-alive | {median['curl']:,.0f} | |")
print(f"| wrk -c1 | {median['wrk -c1']:,.0f} | |")
print(f"| wrk -c8 | {median['wrk -c8']:,.0f} | |")
print(f"| datatap concurrency 1 | {median['datatap c=1']:,.0f} | {ratio('datatap c=1', 'curl')} |")
print(f"| datatap concurrency 8 | {median['datatap c=8']:,.0f} | {ratio('datatap c=8', 'wrk -c8')} |")
PY
