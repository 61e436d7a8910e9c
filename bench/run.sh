#!/usr/bin/env bash
# Proxy-overhead benchmark. One chat completion request, answered by an nginx mock (`return 200`), sent
#   direct         straight to the mock: the floor of the machine;
#   nginx-shared   through an nginx proxy_pass hop served by the mock's own worker (no thread wake-up at all);
#   nginx          through an nginx proxy_pass hop in its own process (one worker): what any separate proxy pays;
#   gateway        through Portcullis in passthrough (x-portkey-provider: openai + x-portkey-custom-host);
#   baseline       (with BENCH_BASELINE_JAR) another build of the gateway, the same way, for before/after;
#   gateway-cached (only when named in BENCH_TARGETS) the same gateway with a simple cache in the config: every
#                  request after the first is a cache hit, answered without the mock;
# in interleaved rounds: back to back at concurrency 1, sporadic (one kept-alive client, one request every 1 ms and
# every 10 ms), and throughput at concurrency 32. Reports added latency, throughput, CPU per request, thread
# wake-ups per request and memory, then the acceptance ratios. See bench/README.md.
#
#   bench/run.sh                                        3 rounds x 10 s per target and mode
#   BENCH_SECONDS=5 BENCH_ROUNDS=5 bench/run.sh
#   BENCH_BASELINE_JAR=/tmp/before.jar bench/run.sh     before/after in one run
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
warmup=${BENCH_WARMUP_SECONDS:-30}
read -r -a modes <<<"${BENCH_MODES:-b2b gap1 gap10 c32}"
mock_port=${BENCH_MOCK_PORT:-19100}
shared_port=${BENCH_SHARED_PORT:-19101}
nginx_port=${BENCH_NGINX_PORT:-19102}
gateway_port=${BENCH_GATEWAY_PORT:-19103}
baseline_port=${BENCH_BASELINE_PORT:-19104}
targets=(direct nginx-shared nginx gateway)
[ -n "${BENCH_BASELINE_JAR:-}" ] && targets+=(baseline)
if [ -n "${BENCH_TARGETS:-}" ]; then read -r -a targets <<<"$BENCH_TARGETS"; fi
cache_config='{"cache":{"mode":"simple","max_age":3600}}'
body='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'
answer='{"id":"chatcmpl-bench","object":"chat.completion","created":1733580000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}'

prepare bench
ensure_commands nginx:nginx wrk:wrk curl:curl
clk_tck=$(getconf CLK_TCK)

has_target() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

port_of() {
  case $1 in
    direct) echo "$mock_port" ;; nginx-shared) echo "$shared_port" ;; nginx) echo "$nginx_port" ;;
    gateway | gateway-cached) echo "$gateway_port" ;; baseline) echo "$baseline_port" ;;
  esac
}
url_of() { echo "http://127.0.0.1:$(port_of "$1")/v1/chat/completions"; }

# The processes doing a target's work: nginx's master and worker(s), or the gateway's JVM. The mock's own process
# is counted for direct only; the shared hop is the mock's process, so its CPU is not split out (reported as -).
pids_of() {
  case $1 in
    direct | nginx-shared) echo "$pid_mocknginx" $(pgrep -P "$pid_mocknginx" | tr '\n' ' ') ;;
    nginx) echo "$pid_hopnginx" $(pgrep -P "$pid_hopnginx" | tr '\n' ' ') ;;
    gateway | gateway-cached) echo "$pid_gateway" ;;
    baseline) echo "$pid_baseline" ;;
  esac
}

# nginx_conf NAME SERVERS: one worker, upstream keep-alive 64 to the mock, temp paths in the work dir.
nginx_conf() {
  mkdir -p "$work/$1/tmp"
  cat >"$work/$1/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/$1/nginx.pid;
error_log $work/$1/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/$1/tmp/body;
  proxy_temp_path $work/$1/tmp/proxy;
  fastcgi_temp_path $work/$1/tmp/fastcgi;
  uwsgi_temp_path $work/$1/tmp/uwsgi;
  scgi_temp_path $work/$1/tmp/scgi;
  keepalive_requests 1000000;
  upstream mock {
    server 127.0.0.1:$mock_port;
    keepalive 64;
  }
$2
}
EOF
}

proxy_server() {
  cat <<EOF
  server {
    listen 127.0.0.1:$1;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
EOF
}

start_nginx() {
  nginx -e "$work/$1/error.log" -p "$work/$1" -c "$work/$1/nginx.conf" >"$work/$1.out" 2>&1 &
  printf -v "pid_$1" '%s' "$!"
  pids+=("$!")
}

# The mock (return 200 with a chat answer) and the shared-worker hop in one nginx process with one worker.
nginx_conf mocknginx "  server {
    listen 127.0.0.1:$mock_port;
    location / {
      default_type application/json;
      return 200 '$answer';
    }
  }
$(proxy_server "$shared_port")"
nginx_conf hopnginx "$(proxy_server "$nginx_port")"

# start_passthrough_gateway NAME PORT JAR: a fresh data dir, the bench key as admin key, loopback trusted so the
# custom host may point at the mock; no server-held provider credentials.
start_passthrough_gateway() {
  rm -rf "$work/data-$1" && mkdir -p "$work/data-$1"
  PORTCULLIS_PORT=$2 PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_DATA_DIR="$work/data-$1" PORTCULLIS_ADMIN_KEY=$key \
  PORTCULLIS_TRUSTED_HOSTS=127.0.0.1 BENCH_JAR=$3 start_java "$1" "Portcullis listening on" serve
}

headers_of() {
  case $1 in
    gateway | baseline | gateway-cached)
      printf 'wrk.headers["x-portkey-api-key"] = "%s"\nwrk.headers["x-portkey-provider"] = "openai"\n' "$key"
      printf 'wrk.headers["x-portkey-custom-host"] = "http://127.0.0.1:%s/v1"\n' "$mock_port"
      printf 'wrk.headers["Authorization"] = "Bearer sk-bench"\n' ;;
  esac
  [ "$1" = gateway-cached ] && printf "wrk.headers[\"x-portkey-config\"] = '%s'\n" "$cache_config"
  return 0
}

# One wrk script per target and gap: the target's headers, an optional delay before each request (ms), and a line
# with requests, p50 and p99 (microseconds) and errors.
for target in "${targets[@]}"; do
  for gap in 0 1 10; do
    {
      printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' "'$body'"
      headers_of "$target"
      [ "$gap" -gt 0 ] && printf 'function delay() return %s end\n' "$gap"
      cat <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.0f %.0f %d\n", summary.requests, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
end
EOF
    } >"$work/$target-$gap.lua"
  done
done

check_target() {
  local target=$1 answer i curl_headers=()
  case $target in
    gateway | baseline | gateway-cached) curl_headers=(-H "x-portkey-api-key: $key" -H "x-portkey-provider: openai"
      -H "x-portkey-custom-host: http://127.0.0.1:$mock_port/v1" -H "Authorization: Bearer sk-bench") ;;
  esac
  [ "$target" = gateway-cached ] && curl_headers+=(-H "x-portkey-config: $cache_config")
  for ((i = 0; i < 50; i++)); do
    answer=$(curl -s -m 5 "${curl_headers[@]}" -H 'Content-Type: application/json' -d "$body" \
      -w '\n%{http_code}' "$(url_of "$target")" || true)
    [ "${answer##*$'\n'}" = 200 ] && [[ $answer == *'"chat.completion"'* ]] && return 0
    sleep 0.2
  done
  echo "bench: $target does not answer the chat request with 200; last answer:" >&2
  echo "$answer" >&2
  exit 1
}

# Voluntary plus involuntary context switches of every thread of the given pids: each one is a thread waking up
# (or being put aside), the cost sporadic traffic pays.
switches() {
  local total=0 pid file value
  for pid in "$@"; do
    for file in /proc/"$pid"/task/*/status; do
      value=$(awk '/^(voluntary|nonvoluntary)_ctxt_switches:/ { s += $2 } END { print s + 0 }' "$file" 2>/dev/null) \
        || continue
      total=$((total + value))
    done
  done
  echo "$total"
}

# run_wrk TARGET MODE ROUND: one measured run; appends
# "target mode round requests p50_us p99_us errors cpu_ticks switches" to $work/results.
run_wrk() {
  local target=$1 mode=$2 round=$3 threads=1 conns=1 gap=0 procs cpu0 cpu1 sw0 sw1 result
  case $mode in gap1) gap=1 ;; gap10) gap=10 ;; c32) threads=2 conns=32 ;; esac
  read -r -a procs <<<"$(pids_of "$target")"
  cpu0=$(cpu_ticks "${procs[@]}"); sw0=$(switches "${procs[@]}")
  result=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency -s "$work/$target-$gap.lua" "$(url_of "$target")" \
    | awk '$1 == "RESULT" { print $2, $3, $4, $5 }')
  cpu1=$(cpu_ticks "${procs[@]}"); sw1=$(switches "${procs[@]}")
  echo "$target $mode $round $result $((cpu1 - cpu0)) $((sw1 - sw0))" >>"$work/results"
  printf '  round %d  %-6s %-13s %s\n' "$round" "$mode" "$target" \
    "$(awk '{ printf "%8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  errors %d", $1 / '"$seconds"', $2 / 1000, $3 / 1000, $4 }' <<<"$result")" >&2
}

echo "bench: starting the nginx mock, the nginx hops and the gateway (work dir $work)" >&2
start_nginx mocknginx
has_target nginx && start_nginx hopnginx
{ has_target gateway || has_target gateway-cached; } && start_passthrough_gateway gateway "$gateway_port" "$root/target/portcullis.jar"
has_target baseline && start_passthrough_gateway baseline "$baseline_port" "$BENCH_BASELINE_JAR"
for target in "${targets[@]}"; do check_target "$target"; done

declare -A rss_idle rss_loaded
for target in "${targets[@]}"; do
  read -r -a procs <<<"$(pids_of "$target")"
  rss_idle[$target]=$(status_kib VmRSS "${procs[@]}")
  rss_loaded[$target]=0
done

echo "bench: warming up each target for ${warmup} s at concurrency 32" >&2
for target in "${targets[@]}"; do
  wrk -t2 -c32 -d"${warmup}s" -s "$work/$target-0.lua" "$(url_of "$target")" >/dev/null
done

echo "bench: $rounds rounds x ${seconds} s per target and mode (${modes[*]}), targets interleaved" >&2
for ((round = 1; round <= rounds; round++)); do
  for mode in "${modes[@]}"; do
    for target in "${targets[@]}"; do
      if [ "$mode" = c32 ]; then
        read -r -a procs <<<"$(pids_of "$target")"
        touch "$work/sampling"
        sample_rss "$work/sampling" "${procs[@]}" &
        sampler=$!
        run_wrk "$target" "$mode" "$round"
        rm -f "$work/sampling"
        wait "$sampler" || true
        peak=$(cat "$work/sampling.max")
        [ "$peak" -gt "${rss_loaded[$target]}" ] && rss_loaded[$target]=$peak
      else
        run_wrk "$target" "$mode" "$round"
      fi
    done
  done
done

# metric TARGET MODE AWK_EXPRESSION: the median over rounds of an expression of one result line
# ($4 requests, $5 p50 us, $6 p99 us, $7 errors, $8 CPU ticks, $9 context switches).
metric() { awk -v t="$1" -v m="$2" '$1 == t && $2 == m { print '"$3"' }' "$work/results" | median; }

# added TARGET MODE FIELD: the median over rounds of (target - direct) in one mode, in microseconds.
added() {
  awk -v t="$1" -v m="$2" -v f="$3" '$2 == m && $1 == "direct" { d[$3] = $f } $2 == m && $1 == t { x[$3] = $f }
    END { for (r in x) if (r in d) print x[r] - d[r] }' "$work/results" | median
}

has_mode() { local m; for m in "${modes[@]}"; do [ "$m" = "$1" ] && return 0; done; return 1; }

echo
echo "Portcullis proxy overhead: $rounds interleaved rounds x ${seconds} s, POST /v1/chat/completions, nginx mock, $(nproc) CPUs"
echo "(added: target - direct per round, median over rounds, microseconds; wake-ups: thread context switches of the"
echo " hop's own processes per request, 1 ms gaps; CPU: the hop's own processes during c=32, microseconds per request)"
printf '%-13s' target
for mode in b2b gap1 gap10; do has_mode "$mode" && printf ' %9s %9s' "+p50 $mode" "+p99"; done
printf ' %10s %9s %9s %9s %9s %7s\n' "req/s c=32" "CPU us" "wakeups" "RSS idle" "RSS load" errors
for target in "${targets[@]}"; do
  printf '%-13s' "$target"
  for mode in b2b gap1 gap10; do
    has_mode "$mode" || continue
    if [ "$target" = direct ]; then printf ' %9s %9s' "$(metric direct "$mode" '$5')" "$(metric direct "$mode" '$6')"
    else printf ' %9s %9s' "$(added "$target" "$mode" 5)" "$(added "$target" "$mode" 6)"; fi
  done
  rps=$(has_mode c32 && metric "$target" c32 "\$4 / $seconds" || echo nan)
  cpu=$(awk -v t="$target" -v hz="$clk_tck" '$1 == t && $2 == "c32" { ticks += $8; n += $4 }
    END { if (n > 0) printf "%.1f", ticks * 1e6 / hz / n; else print "nan" }' "$work/results")
  wake=$(awk -v t="$target" '$1 == t && $2 == "gap1" { s += $9; n += $4 } END { if (n > 0) printf "%.2f", s / n; else print "nan" }' "$work/results")
  [ "$target" = nginx-shared ] && cpu=- && wake=-
  errors=$(awk -v t="$target" '$1 == t { e += $7 } END { print e + 0 }' "$work/results")
  printf ' %10.0f %9s %9s %5s MiB %5s MiB %7s\n' "$rps" "$cpu" "$wake" \
    "$(mib "${rss_idle[$target]}")" "$(mib "${rss_loaded[$target]}")" "$errors"
done

verdicts() {
  local gw=$1
  awk -v name="$gw" \
      -v b2b="$(added "$gw" b2b 5)" -v shared="$(added nginx-shared b2b 5)" \
      -v g1="$(added "$gw" gap1 5)" -v n1="$(added nginx gap1 5)" \
      -v g10="$(added "$gw" gap10 5)" -v n10="$(added nginx gap10 5)" \
      -v grps="$(metric "$gw" c32 "\$4 / $seconds")" -v nrps="$(metric nginx c32 "\$4 / $seconds")" \
      -v cpu="$(awk -v t="$gw" -v hz="$clk_tck" '$1 == t && $2 == "c32" { k += $8; n += $4 } END { if (n) print k * 1e6 / hz / n }' "$work/results")" '
    function sporadic(label, g, n) {
      ok = (n > 0 && g <= 1.25 * n) || g <= 40
      printf "%s sporadic %s: added p50 %.0f us vs own-process nginx hop %.0f us = %.2f (target <= 1.25, or <= 40 us)  %s\n",
        name, label, g, n, (n > 0 ? g / n : 0), (ok ? "PASS" : "FAIL")
    }
    BEGIN {
      sporadic("1 ms ", g1, n1)
      sporadic("10 ms", g10, n10)
      printf "%s back to back: added p50 %.0f us vs shared-worker nginx hop %.0f us = %.2f (target <= 2.0)  %s\n",
        name, b2b, shared, (shared > 0 ? b2b / shared : 0), ((shared > 0 && b2b <= 2 * shared) ? "PASS" : "FAIL")
      printf "%s throughput c=32: %.0f vs nginx %.0f req/s = %.2f (target >= 0.5)  %s\n",
        name, grps, nrps, grps / nrps, (grps / nrps >= 0.5 ? "PASS" : "FAIL")
      printf "%s CPU per passthrough request: %.1f us (target <= 40 us)  %s\n", name, cpu, (cpu <= 40 ? "PASS" : "FAIL")
    }'
}

if has_target nginx && has_target nginx-shared && [ ${#modes[@]} -eq 4 ]; then
  echo
  for gw in gateway baseline; do has_target "$gw" && verdicts "$gw"; done
fi
