#!/usr/bin/env bash
# Cold start: how soon a gateway that was just started answers, started as a user starts it (./portcullis serve,
# the launcher's default JVM flags), with and without the JDK 25 AOT cache (PORTCULLIS_AOT=off). Per mode and run:
#   start -> answer   the launcher is started and a passthrough chat request (x-portkey-provider: openai +
#                     x-portkey-custom-host, to the bundled mock) is sent every 2 ms until one answers 200: the time
#                     from the launcher's start to that answer; and the CPU time (user + system) the JVM used
#                     until then, which a loaded machine does not inflate as much;
#   after /health     a second start: /health is polled until it answers, then ten chat requests are sent one after
#                     another (curl, a new connection each) and each is timed;
#   idle RSS          VmRSS of that gateway 3 s after its tenth request.
# Each start reuses the mode's data directory (a restart, not a first installation). See bench/README.md.
#
#   bench/coldstart.sh                       5 runs per mode
#   BENCH_COLD_RUNS=10 bench/coldstart.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

runs=${BENCH_COLD_RUNS:-5}
mock_port=${BENCH_MOCK_PORT:-19110}
gateway_port=${BENCH_GATEWAY_PORT:-19111}
read -r -a modes <<<"${BENCH_COLD_MODES:-aot no-aot}"
body='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'

prepare coldstart
ensure_commands curl:curl
echo "load before: $(uptime)"
echo "JDK: $JAVA_HOME ($(portcullis_jdk_major "$JAVA_HOME")); launcher flags: ${PORTCULLIS_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseG1GC}"

start_java mock "mock upstream listening" mock-upstream --port "$mock_port" --no-record
chat() { # prints "STATUS SECONDS"
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$gateway_port/v1/chat/completions" \
    -H "x-portkey-api-key: $key" -H "x-portkey-provider: openai" -H "authorization: Bearer sk-bench" \
    -H "x-portkey-custom-host: http://127.0.0.1:$mock_port/v1" -H "content-type: application/json" -d "$body" || echo "000 0"
}
for ((i = 0; i < 300; i++)); do  # the mock is warm before the gateway is measured
  curl -s -o /dev/null "http://127.0.0.1:$mock_port/v1/chat/completions" -H "content-type: application/json" -d "$body"
done

# launch MODE: ./portcullis serve in the background; sets $gateway and $started_ns.
gateway=""
launch() {
  local aot=on
  [ "$1" = "no-aot" ] && aot=off
  started_ns=$(date +%s%N)
  (cd "$work" && PORTCULLIS_AOT=$aot PORTCULLIS_PORT=$gateway_port PORTCULLIS_HOST=127.0.0.1 \
    PORTCULLIS_DATA_DIR="$work/data-$1" PORTCULLIS_ADMIN_KEY=$key PORTCULLIS_TRUSTED_HOSTS=127.0.0.1 \
    exec "$root/portcullis" serve >"$work/gateway-$1.out" 2>"$work/gateway-$1.log") &
  gateway=$!
}
stop_gateway() {
  [ -n "$gateway" ] || return 0
  kill "$gateway" 2>/dev/null || true
  wait "$gateway" 2>/dev/null || true
  gateway=""
}
trap 'stop_gateway; stop_all; rm -rf "$work"' EXIT
# Waits until the gateway's port accepts a connection, trying every millisecond without starting a process.
await_port() {
  until { exec 3<>"/dev/tcp/127.0.0.1/$gateway_port"; } 2>/dev/null; do
    kill -0 "$gateway" 2>/dev/null || { echo "bench: the gateway ($1) exited; see $work/gateway-$1.log" >&2; exit 1; }
    sleep 0.001
  done
  exec 3>&-
}
ms_since() { echo $((($(date +%s%N) - $1) / 1000)) | awk '{ printf "%.0f", $1 / 1000 }'; }

for mode in "${modes[@]}"; do  # a first start per mode: creates the data directory and, with aot, the cache
  launch "$mode"
  wait_for_text "gateway-$mode" "$gateway" "$work/gateway-$mode.out" "Portcullis listening on"
  stop_gateway
done

declare -A first cpu firsts rest rss
clk_tck=$(getconf CLK_TCK)
for ((run = 1; run <= runs; run++)); do
  for mode in "${modes[@]}"; do
    launch "$mode"
    await_port "$mode"
    until [ "$(chat | head -n1 | cut -d' ' -f1)" = 200 ]; do
      kill -0 "$gateway" 2>/dev/null || { echo "bench: the gateway ($mode) exited" >&2; exit 1; }
    done
    first[$mode]+="$(ms_since "$started_ns") "
    cpu[$mode]+="$(($(cpu_ticks "$gateway") * 1000 / clk_tck)) "
    stop_gateway

    launch "$mode"
    await_port "$mode"
    until curl -sf -o /dev/null "http://127.0.0.1:$gateway_port/health"; do sleep 0.001; done
    times=()
    for ((i = 0; i < 10; i++)); do
      read -r status seconds < <(chat | head -n1)
      [ "$status" = 200 ] || { echo "bench: a chat request through the gateway ($mode) answered $status" >&2; exit 1; }
      times+=("$(awk -v s="$seconds" 'BEGIN { printf "%.1f", s * 1000 }')")
    done
    echo "run $run $mode: start -> answer $(echo "${first[$mode]}" | awk '{ print $NF }') ms; after /health (ms): ${times[*]}"
    firsts[$mode]+="${times[0]} "
    rest[$mode]+="$(printf '%s\n' "${times[@]:1}" | median) "
    sleep 3
    rss[$mode]+="$(mib "$(status_kib VmRSS "$gateway")") "
    stop_gateway
  done
done

med() { tr ' ' '\n' | grep -v '^$' | median; }
range() { tr ' ' '\n' | grep -v '^$' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
echo
printf '%-8s %22s %18s %22s %20s %16s\n' mode "start->answer ms" "CPU ms to answer" "1st chat after /health" \
  "chats 2-10 p50 ms" "idle RSS MiB"
for mode in "${modes[@]}"; do
  printf '%-8s %22s %18s %22s %20s %16s\n' "$mode" \
    "$(med <<<"${first[$mode]}") ($(range <<<"${first[$mode]}"))" \
    "$(med <<<"${cpu[$mode]}")" \
    "$(med <<<"${firsts[$mode]}") ($(range <<<"${firsts[$mode]}"))" \
    "$(med <<<"${rest[$mode]}")" \
    "$(med <<<"${rss[$mode]}") ($(range <<<"${rss[$mode]}"))"
done
echo "medians over $runs runs (min-max in brackets). Targets: start->answer <= 800 ms, first chat after /health <= 20 ms, idle RSS <= 150 MiB."
echo "load after: $(uptime)"
