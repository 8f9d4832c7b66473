# Sourced by bin/lanyard, test.sh and bench scripts: exports JAVA_HOME for a JDK >= 21.
# Order: $JAVA_HOME if new enough, then the newest JDK under /usr/lib/jvm, then java on PATH.

jdk_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(jdk_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(jdk_major "$candidate")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(jdk_major "$candidate")
    [ "${major:-0}" -ge 21 ] && best="$candidate"
  fi
  if [ -z "$best" ]; then
    echo "lanyard needs a JDK 21 or newer: set JAVA_HOME, or install one under /usr/lib/jvm" >&2
    return 1
  fi
  echo "$best"
}

JAVA_HOME="$(find_jdk)" || exit 1
export JAVA_HOME
