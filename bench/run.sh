#!/usr/bin/env bash
# Proxy-overhead benchmark: one chat completion request sent straight to the mock upstream ("direct"), through an
# nginx proxy_pass hop ("nginx", the reference floor) and through the gateway ("gateway"), in interleaved rounds.
# Reports latency at concurrency 1, throughput at concurrency 32, CPU per request and memory. See bench/README.md.
#
#   bench/run.sh                                   3 rounds x 10 s per target and concurrency
#   BENCH_SECONDS=5 BENCH_ROUNDS=5 bench/run.sh
#   BENCH_TARGETS="direct nginx" bench/run.sh      leave the gateway out
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
warmup=${BENCH_WARMUP_SECONDS:-30}
read -r -a targets <<<"${BENCH_TARGETS:-direct nginx gateway}"
mock_port=${BENCH_MOCK_PORT:-19100}
nginx_port=${BENCH_NGINX_PORT:-19101}
gateway_port=${BENCH_GATEWAY_PORT:-19102}
body='{"model":"openai/mock","messages":[{"role":"user","content":"hi"}]}'

prepare bench
ensure_commands nginx:nginx wrk:wrk curl:curl
clk_tck=$(getconf CLK_TCK)

has_target() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

url_of() {
  case $1 in
    direct) echo "http://127.0.0.1:$mock_port/v1/chat/completions" ;;
    nginx) echo "http://127.0.0.1:$nginx_port/v1/chat/completions" ;;
    gateway) echo "http://127.0.0.1:$gateway_port/v1/chat/completions" ;;
  esac
}

# The processes doing the target's work: the mock itself, nginx's master and workers, or the gateway's JVM.
pids_of() {
  case $1 in
    direct) echo "$pid_mock" ;;
    nginx) echo "$pid_nginx" $(pgrep -P "$pid_nginx" | tr '\n' ' ') ;;
    gateway) echo "$pid_gateway" ;;
  esac
}

start_nginx() {
  mkdir -p "$work/nginx/tmp"
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  upstream mock {
    server 127.0.0.1:$mock_port;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}
EOF
  nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx.out" 2>&1 &
  pid_nginx=$!
  pids+=("$pid_nginx")
}

# One request through each target must answer a chat completion, or the numbers would measure errors.
check_target() {
  local target=$1 answer i
  for ((i = 0; i < 50; i++)); do
    answer=$(curl -s -m 5 -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$body" \
      -w '\n%{http_code}' "$(url_of "$target")" || true)
    [ "${answer##*$'\n'}" = 200 ] && [[ $answer == *'"chat.completion"'* ]] && return 0
    sleep 0.2
  done
  echo "bench: $target does not answer the chat request with 200; last answer:" >&2
  echo "$answer" >&2
  exit 1
}

cat >"$work/chat.lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.0f %.0f %d\n", summary.requests, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
end
EOF

# run_wrk TARGET CONCURRENCY ROUND: one measured run; appends
# "target concurrency round requests p50_us p99_us errors cpu_ticks" to $work/results.
run_wrk() {
  local target=$1 conc=$2 round=$3 threads=1 before after result procs
  [ "$conc" -gt 1 ] && threads=2
  read -r -a procs <<<"$(pids_of "$target")"
  before=$(cpu_ticks "${procs[@]}")
  result=$(wrk -t"$threads" -c"$conc" -d"${seconds}s" --latency -s "$work/chat.lua" "$(url_of "$target")" \
    | awk '$1 == "RESULT" { print $2, $3, $4, $5 }')
  after=$(cpu_ticks "${procs[@]}")
  echo "$target $conc $round $result $((after - before))" >>"$work/results"
  printf '  round %d  %-7s c=%-2d %s\n' "$round" "$target" "$conc" \
    "$(awk '{ printf "%8.0f req/s  p50 %6.3f ms  p99 %6.3f ms  errors %d", $1 / '"$seconds"', $2 / 1000, $3 / 1000, $4 }' <<<"$result")" >&2
}

echo "bench: starting the mock upstream, nginx and the gateway (work dir $work)" >&2
start_java mock "mock upstream listening" mock-upstream --port "$mock_port" --no-record
if has_target nginx; then start_nginx; fi
if has_target gateway; then start_gateway gateway "$gateway_port" "$mock_port"; fi
for target in "${targets[@]}"; do check_target "$target"; done

declare -A rss_idle rss_loaded
for target in "${targets[@]}"; do
  read -r -a procs <<<"$(pids_of "$target")"
  rss_idle[$target]=$(status_kib VmRSS "${procs[@]}")
  rss_loaded[$target]=0
done

echo "bench: warming up each target for ${warmup} s at concurrency 32" >&2
for target in "${targets[@]}"; do
  wrk -t2 -c32 -d"${warmup}s" -s "$work/chat.lua" "$(url_of "$target")" >/dev/null
done

echo "bench: $rounds rounds x ${seconds} s per target and concurrency, targets interleaved" >&2
for ((round = 1; round <= rounds; round++)); do
  for target in "${targets[@]}"; do run_wrk "$target" 1 "$round"; done
  for target in "${targets[@]}"; do
    read -r -a procs <<<"$(pids_of "$target")"
    touch "$work/sampling"
    sample_rss "$work/sampling" "${procs[@]}" &
    sampler=$!
    run_wrk "$target" 32 "$round"
    rm -f "$work/sampling"
    wait "$sampler" || true
    peak=$(cat "$work/sampling.max")
    [ "$peak" -gt "${rss_loaded[$target]}" ] && rss_loaded[$target]=$peak
  done
done

# metric TARGET CONCURRENCY AWK_EXPRESSION: the median over rounds of an expression of one result line
# ($4 requests, $5 p50 us, $6 p99 us, $7 errors, $8 CPU ticks).
metric() { awk -v t="$1" -v c="$2" '$1 == t && $2 == c { print '"$3"' }' "$work/results" | median; }

# added TARGET PERCENTILE_FIELD: the median over rounds of (target - direct) at concurrency 1, in ms.
added() {
  awk -v t="$1" -v f="$2" '$2 == 1 && $1 == "direct" { d[$3] = $f } $2 == 1 && $1 == t { x[$3] = $f }
    END { for (r in x) if (r in d) print (x[r] - d[r]) / 1000 }' "$work/results" | median
}

echo
echo "Portcullis proxy overhead: $rounds interleaved rounds x ${seconds} s, POST /v1/chat/completions, zero-delay mock, $(nproc) CPUs"
printf '%-8s %10s %10s %10s %10s %11s %11s %9s %10s %7s\n' \
  target "p50 c=1" "p99 c=1" "+p50" "+p99" "req/s c=32" "CPU ms/req" "RSS idle" "RSS load" errors
for target in "${targets[@]}"; do
  p50=$(metric "$target" 1 '$5 / 1000')
  p99=$(metric "$target" 1 '$6 / 1000')
  rps=$(metric "$target" 32 "\$4 / $seconds")
  cpu=$(awk -v t="$target" -v hz="$clk_tck" '$1 == t && $2 == 32 { ticks += $8; n += $4 }
    END { if (n > 0) printf "%.4f", ticks * 1000 / hz / n; else print "nan" }' "$work/results")
  errors=$(awk -v t="$target" '$1 == t { e += $7 } END { print e + 0 }' "$work/results")
  if [ "$target" = direct ]; then plus50=-; plus99=-; else
    plus50=$(printf '%.3f' "$(added "$target" 5)"); plus99=$(printf '%.3f' "$(added "$target" 6)")
  fi
  printf '%-8s %7.3f ms %7.3f ms %10s %10s %11.0f %11s %5s MiB %6s MiB %7s\n' \
    "$target" "$p50" "$p99" "$plus50" "$plus99" "$rps" "$cpu" \
    "$(mib "${rss_idle[$target]}")" "$(mib "${rss_loaded[$target]}")" "$errors"
done
echo "(+p50/+p99: added to direct, median of per-round differences, ms; CPU: the hop's own processes during c=32)"

if has_target nginx && has_target gateway; then
  echo
  awk -v gw="$(added gateway 5)" -v ng="$(added nginx 5)" \
      -v grps="$(metric gateway 32 "\$4 / $seconds")" -v nrps="$(metric nginx 32 "\$4 / $seconds")" 'BEGIN {
    if (ng > 0) {
      r = gw / ng
      printf "gateway added p50 / nginx added p50 = %.3f / %.3f ms = %.2f (target <= 2.0)  %s\n", gw, ng, r, r <= 2.0 ? "PASS" : "FAIL"
    } else {
      printf "gateway added p50 = %.3f ms; nginx added p50 = %.3f ms is not positive, so no ratio\n", gw, ng
    }
    r = grps / nrps
    printf "gateway req/s / nginx req/s       = %.0f / %.0f = %.2f (target >= 0.5)  %s\n", grps, nrps, r, r >= 0.5 ? "PASS" : "FAIL"
  }'
fi
