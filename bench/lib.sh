# Shared by bench/run.sh and bench/streams.sh: JDK discovery, build, process start/stop, /proc readings.
# Sourced, not run. Expects $root (the repository) to be set by the caller; prepare sets the rest.

# The JDK rule of ./portcullis and ./mvnw (portcullis_jdk, portcullis_jdk_major): JAVA_HOME if it is 21+, else the
# newest JDK found.
# shellcheck source=.mvn/find-jdk.sh
source "$root/.mvn/find-jdk.sh"
find_jdk() { portcullis_jdk || exit 1; }

# Builds target/portcullis.jar (and the test classes) when missing or older than the sources.
ensure_built() {
  local jar="$root/target/portcullis.jar"
  if [ ! -f "$jar" ] || [ ! -d "$root/target/test-classes" ] \
      || [ -n "$(cd "$root" && find pom.xml src -newer "$jar" -print -quit)" ]; then
    echo "bench: building target/portcullis.jar ..." >&2
    (cd "$root" && ./mvnw -q -B -DskipTests package >&2)
  fi
}

# Installs Debian packages for the named commands that are missing (command:package pairs).
ensure_commands() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bench: installing ${missing[*]} with apt-get ..." >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

# prepare NAME: $java (a JDK 21+), the jar built, a high open-file limit, a fresh gateway key in $key, and a temp
# dir $work that is removed on exit, after every process listed in $pids (start_java adds its own) is stopped.
prepare() {
  JAVA_HOME="$(find_jdk)"
  export JAVA_HOME
  java="$JAVA_HOME/bin/java"
  ensure_built
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  work=$(mktemp -d -t "portcullis-$1.XXXXXX")
  pids=()
  trap 'stop_all; rm -rf "$work"' EXIT
  trap 'exit 130' INT TERM
  key=$(random_key)
}

jvm_flags=(--enable-native-access=ALL-UNNAMED -Xms64m -Xmx384m -XX:+UseG1GC)

# start_java NAME READY_TEXT ARGS... : runs the jar in the background, logs to $work/NAME.log,
# waits (60 s at most) for READY_TEXT on its stdout, and sets the variable pid_NAME.
start_java() {
  local name=$1 ready=$2; shift 2
  "$java" "${jvm_flags[@]}" -jar "${BENCH_JAR:-$root/target/portcullis.jar}" "$@" >"$work/$name.out" 2>"$work/$name.log" &
  local pid=$!
  printf -v "pid_$name" '%s' "$pid"
  pids+=("$pid")
  wait_for_text "$name" "$pid" "$work/$name.out" "$ready"
}

wait_for_text() {
  local name=$1 pid=$2 file=$3 text=$4 i
  for ((i = 0; i < 600; i++)); do
    grep -q "$text" "$file" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: $name exited before it was ready; its output:" >&2
      tail -n 40 "$file" "$work/$name.log" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
  echo "bench: $name was not ready after 60 s (waited for '$text' in $file)" >&2
  exit 1
}

# start_gateway NAME GATEWAY_PORT MOCK_PORT: the gateway with a fresh data dir, the bench key as admin key, and
# server-held OpenAI credentials pointing at the mock.
start_gateway() {
  rm -rf "$work/data-$1" && mkdir -p "$work/data-$1"
  PORTCULLIS_PORT=$2 PORTCULLIS_HOST=127.0.0.1 PORTCULLIS_DATA_DIR="$work/data-$1" \
  PORTCULLIS_ADMIN_KEY=$key PORTCULLIS_PROVIDER_OPENAI_API_KEY=sk-bench \
  PORTCULLIS_PROVIDER_OPENAI_BASE_URL="http://127.0.0.1:$3/v1" \
    start_java "$1" "Portcullis listening on" serve
}

# Stops every process this script started, newest first, and waits for each.
stop_all() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    wait "${pids[i]}" 2>/dev/null || true
  done
  pids=()
}

# CPU time (user + system) of the given pids, in clock ticks.
cpu_ticks() {
  local total=0 pid stat fields
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a fields <<<"${stat##*) }"     # from field 3 on: "pid (comm) " dropped, comm may hold spaces
    total=$((total + fields[11] + fields[12]))  # fields 14 (utime) and 15 (stime)
  done
  echo "$total"
}

# Sum of a /proc/PID/status field (VmRSS, VmHWM) over the given pids, in KiB.
status_kib() {
  local field=$1 total=0 pid value; shift
  for pid in "$@"; do
    value=$(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null) || true
    total=$((total + ${value:-0}))
  done
  echo "$total"
}

# Largest VmRSS (KiB) of the given pids, summed, sampled every 200 ms until the file $1 is removed;
# writes the maximum to $1.max.
sample_rss() {
  local flag=$1 max=0 now; shift
  while [ -e "$flag" ]; do
    now=$(status_kib VmRSS "$@")
    [ "$now" -gt "$max" ] && max=$now
    echo "$max" >"$flag.max"
    sleep 0.2
  done
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

random_key() { printf 'pcl-bench-%s' "$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"; }
