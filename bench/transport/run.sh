#!/usr/bin/env bash
# Throughput of N album fetches (one source, partition.id = 1..N) from a local
# nginx on loopback: datatap at concurrency 1 and 8, side by side in one run
# with curl (one process, all URLs, keep-alive) and wrk at the same concurrency.
#
#   bench/transport/run.sh [N]        (default 5000; needs nginx-light, wrk, hyperfine)
#
# Prints a Markdown table; bench/README.md quotes it.
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${1:-5000}
RUNS=${RUNS:-5}
scripts/bootstrap nginx-light wrk hyperfine
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

hyperfine --runs "$RUNS" --warmup 1 --export-json "$work/hyperfine.json" \
  -n "datatap c=1" "build/bin/datatap -c $work/c1.ini >/dev/null" \
  -n "datatap c=8" "build/bin/datatap -c $work/c8.ini >/dev/null" \
  -n "curl (one process, keep-alive)" "curl -s -H 'Authorization: Basic your_api_token_here' 'http://127.0.0.1:$port/albums/[1-$N]' >/dev/null" >&2

cat >"$work/cycle.lua" <<LUA
local i = 0
wrk.headers["Authorization"] = "Basic your_api_token_here"
request = function()
  i = i % $N + 1
  return wrk.format("GET", "/albums/" .. i)
end
LUA
wrk1=$(wrk -t1 -c1 -d5s -s "$work/cycle.lua" "http://127.0.0.1:$port" | awk '/Requests\/sec/ {print $2}')
wrk8=$(wrk -t2 -c8 -d5s -s "$work/cycle.lua" "http://127.0.0.1:$port" | awk '/Requests\/sec/ {print $2}')

python3 - "$work/hyperfine.json" "$N" "$wrk1" "$wrk8" <<'PY'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
n, wrk1, wrk8 = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
rps = {name: n / mean for name, mean in results.items()}
curl = rps["curl (one process, keep-alive)"]
print(f"| client | requests/s | ratio |")
print(f"| --- | ---: | --- |")
print(f"| curl, one process, keep-alive | {curl:,.0f} | |")
print(f"| wrk -c1 | {wrk1:,.0f} | |")
print(f"| wrk -c8 | {wrk8:,.0f} | |")
print(f"| datatap concurrency 1 | {rps['datatap c=1']:,.0f} | {rps['datatap c=1'] / curl:.2f}x curl, {rps['datatap c=1'] / wrk1:.2f}x wrk -c1 |")
print(f"| datatap concurrency 8 | {rps['datatap c=8']:,.0f} | {rps['datatap c=8'] / wrk8:.2f}x wrk -c8 |")
PY
