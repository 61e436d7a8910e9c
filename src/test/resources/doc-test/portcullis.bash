#!/usr/bin/env bash
# Stands in for the ./portcullis launcher in the doc harness (see docs/doc-tests.md): the CLI runs from the test
# classpath; `serve` (re)starts the harness's one gateway with the caller's settings and returns once it listens;
# the harness runs the mock upstream itself, and the test suite is not run from inside itself.
set -euo pipefail

stop_gateway() {
  local pid
  [ -f "$DOC_STATE/gateway.pid" ] || return 0
  pid="$(cat "$DOC_STATE/gateway.pid")"
  rm -f "$DOC_STATE/gateway.pid"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "doc-test: the gateway (pid $pid) did not stop within 30 s" >&2
  exit 3
}

mock_provider_settings() { # under the mock marker: each provider the settings name gets the mock as its base URL
  local prefix entry
  for entry in $DOC_MOCK_PROVIDERS; do
    prefix="PORTCULLIS_PROVIDER_${entry%%=*}_"
    if compgen -e | grep -q "^$prefix" && [ -z "$(printenv "${prefix}BASE_URL" || true)" ]; then
      export "${prefix}BASE_URL=${entry#*=}"
    fi
  done
}

case "${1:-}" in
  serve)
    shift
    stop_gateway
    if [ -n "${DOC_MOCK:-}" ]; then mock_provider_settings; fi
    log="$DOC_STATE/gateway.log"
    # shellcheck disable=SC2086
    nohup "$DOC_JAVA" $DOC_JAVA_OPTS -cp "$DOC_CLASSPATH" dev.portcullis.Portcullis serve "$@" >"$log" 2>&1 &
    pid=$!
    echo "$pid" >"$DOC_STATE/gateway.pid"
    { env | grep '^PORTCULLIS_' | sort; echo "serve $*"; } >"$DOC_STATE/gateway.settings"
    for _ in $(seq 1200); do
      if grep -q '^Portcullis listening on ' "$log"; then
        grep -v '^[0-9:.]* \(INFO\|DEBUG\) ' "$log" || true
        exit 0
      fi
      if ! kill -0 "$pid" 2>/dev/null; then
        rm -f "$DOC_STATE/gateway.pid"
        cat "$log" >&2
        echo "doc-test: './portcullis serve' exited before it listened" >&2
        exit 3
      fi
      sleep 0.1
    done
    echo "doc-test: the gateway did not listen within 120 s" >&2
    cat "$log" >&2
    exit 3
    ;;
  stop)
    stop_gateway
    ;;
  mock-upstream)
    exit 0
    ;;
  test)
    echo "doc-test: './portcullis test' cannot run inside the test suite; mark the block <!-- doc-test: skip ... -->" >&2
    exit 3
    ;;
  *)
    if [ -n "${DOC_MOCK:-}" ] && [ "${1:-}" = virtual-keys ] && [ "${2:-}" = create ] && [[ " $* " != *" --base-url "* ]]; then
      args=("$@")
      for ((i = 0; i < ${#args[@]}; i++)); do
        if [ "${args[i]}" = --provider ]; then
          var="DOC_MOCK_BASE_$(printf '%s' "${args[i + 1]}" | tr 'a-z-' 'A-Z_')"
          set -- "$@" --base-url "${!var:-$DOC_MOCK_URL/v1}"
        fi
      done
    fi
    # shellcheck disable=SC2086
    exec "$DOC_JAVA" $DOC_CLI_JAVA_OPTS -cp "$DOC_CLASSPATH" dev.portcullis.Portcullis "$@"
    ;;
esac
