#!/usr/bin/env bash
# Streaming benchmark, in two parts. See bench/README.md.
#  (a) time to first byte of an SSE chat stream, straight to the mock upstream and through the gateway,
#      sequential and interleaved: what the gateway adds before the first byte reaches the client;
#  (b) 2,000 concurrent slow streams through a fresh gateway (the mock answers 20 chunks 500 ms apart):
#      how many complete, how many fail, and the gateway's peak memory.
#
#   bench/streams.sh
#   BENCH_TTFB_REQUESTS=200 BENCH_STREAMS=500 bench/streams.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"

requests=${BENCH_TTFB_REQUESTS:-500}
warmup=${BENCH_TTFB_WARMUP:-5000}
streams=${BENCH_STREAMS:-2000}
slow_chunks=${BENCH_SLOW_CHUNKS:-20}
slow_interval_ms=${BENCH_SLOW_INTERVAL_MS:-500}
mock_port=${BENCH_MOCK_PORT:-19200}
gateway_port=${BENCH_GATEWAY_PORT:-19201}

prepare streams
if [ "$(ulimit -n)" -lt $((streams * 2 + 1000)) ]; then
  echo "bench: open-file limit $(ulimit -n) is too low for $streams streams (need $((streams * 2 + 1000)))" >&2
  exit 1
fi

load_client() {
  "$java" -Xms64m -Xmx512m -cp "$root/target/test-classes:$root/target/portcullis.jar" \
    dev.portcullis.bench.StreamLoad "$@"
}

value() { sed -n "s/^$1=//p" "$2"; }

chat_path=/v1/chat/completions

echo "bench: (a) time to first byte, $requests sequential streams each way after $warmup warm-up pairs" >&2
start_java mock "mock upstream listening" mock-upstream --port "$mock_port" --no-record
start_gateway gateway "$gateway_port" "$mock_port"
load_client ttfb --direct "http://127.0.0.1:$mock_port$chat_path" --gateway "http://127.0.0.1:$gateway_port$chat_path" \
  --requests "$requests" --warmup "$warmup" --key "$key" >"$work/ttfb.txt"
stop_all

echo "bench: (b) $streams concurrent streams of $slow_chunks chunks ${slow_interval_ms} ms apart through a fresh gateway" >&2
start_java slowmock "mock upstream listening" mock-upstream --port "$mock_port" --no-record \
  --chunks "$slow_chunks" --chunk-interval-ms "$slow_interval_ms"
start_gateway slowgateway "$gateway_port" "$mock_port"
rss_idle=$(status_kib VmRSS "$pid_slowgateway")
touch "$work/sampling"
sample_rss "$work/sampling" "$pid_slowgateway" &
sampler=$!
load_client slow --url "http://127.0.0.1:$gateway_port$chat_path" --streams "$streams" --key "$key" \
  --timeout-s $((slow_chunks * slow_interval_ms / 1000 * 6 + 60)) >"$work/slow.txt"
rm -f "$work/sampling"
wait "$sampler" || true
rss_sampled=$(cat "$work/sampling.max")
rss_hwm=$(status_kib VmHWM "$pid_slowgateway")
rss_peak=$((rss_sampled > rss_hwm ? rss_sampled : rss_hwm))

added=$(value added_ttfb_p50_ms "$work/ttfb.txt")
errors=$(value errors "$work/slow.txt")
verdict() { awk -v ok="$1" 'BEGIN { print ok ? "PASS" : "FAIL" }'; }

echo
echo "Streaming: time to first byte, $requests sequential SSE streams each way, interleaved ($(nproc) CPUs)"
printf '%-8s %10s %10s\n' "" "p50" "p99"
printf '%-8s %7s ms %7s ms\n' direct "$(value direct_ttfb_p50_ms "$work/ttfb.txt")" "$(value direct_ttfb_p99_ms "$work/ttfb.txt")"
printf '%-8s %7s ms %7s ms\n' gateway "$(value gateway_ttfb_p50_ms "$work/ttfb.txt")" "$(value gateway_ttfb_p99_ms "$work/ttfb.txt")"
printf '%-8s %7s ms %7s ms   (per-pair differences; stream errors: %s)\n' added "$added" \
  "$(value added_ttfb_p99_ms "$work/ttfb.txt")" "$(value errors "$work/ttfb.txt")"
echo
echo "Slow streams: $streams concurrent through the gateway, mock sends $slow_chunks chunks ${slow_interval_ms} ms apart"
echo "  completed with [DONE]  $(value completed "$work/slow.txt") / $streams"
echo "  errors                 $errors"
echo "  peak in-flight streams $(value peak_open_streams "$work/slow.txt")"
echo "  stream duration        p50 $(value stream_duration_p50_s "$work/slow.txt") s, max $(value stream_duration_max_s "$work/slow.txt") s (elapsed $(value elapsed_s "$work/slow.txt") s)"
echo "  gateway RSS            idle $(mib "$rss_idle") MiB, peak $(mib "$rss_peak") MiB"
echo
echo "added TTFB p50 = $added ms (target <= 1 ms)  $(verdict "$(awk -v a="$added" 'BEGIN { print (a <= 1.0) }')")"
echo "slow-stream errors = $errors (target 0)  $(verdict "$((errors == 0))")"
echo "gateway peak RSS = $(mib "$rss_peak") MiB (target <= 512 MiB)  $(verdict "$((rss_peak <= 512 * 1024))")"
