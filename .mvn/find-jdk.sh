# Finds the JDK that ./portcullis and ./mvnw use; sourced by both (POSIX sh).
#   portcullis_jdk    prints the home of a JDK 21 or newer: JAVA_HOME when it is one, else the newest of
#                     the JDK that `java` on PATH belongs to, /usr/lib/jvm/* and /Library/Java/JavaVirtualMachines/*;
#                     when there is none, says what to install and returns 1.
#   portcullis_jdk_major HOME   prints the feature version of the JDK at HOME (25 for 25.0.3), empty if unknown.

portcullis_jdk_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

portcullis_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
      && [ "$(portcullis_jdk_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"
    return 0
  fi
  _pj_best="" _pj_best_major=0 _pj_on_path=""
  if command -v javac >/dev/null 2>&1; then
    _pj_on_path="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  fi
  _pj_glob_was_off=false
  case $- in *f*) _pj_glob_was_off=true; set +f ;; esac
  for _pj_dir in "$_pj_on_path" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$_pj_dir" ] && [ -x "$_pj_dir/bin/javac" ] || continue
    _pj_major="$(portcullis_jdk_major "$_pj_dir")"
    if [ -n "$_pj_major" ] && [ "$_pj_major" -gt "$_pj_best_major" ]; then
      _pj_best="$_pj_dir" _pj_best_major="$_pj_major"
    fi
  done
  if $_pj_glob_was_off; then set -f; fi
  if [ "$_pj_best_major" -ge 21 ]; then
    echo "$_pj_best"
    return 0
  fi
  echo "portcullis: no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', java on PATH: ${_pj_on_path:-none}," \
    "nothing newer under /usr/lib/jvm)." >&2
  echo "portcullis: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+," \
    "or set JAVA_HOME to it." >&2
  return 1
}
