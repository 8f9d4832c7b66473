#!/usr/bin/env bash
# Issue 3: change latency with informers, from an HTTPRoute created through the Kubernetes API
# (fabric8's CRUD mock server) to its answer on the wire. Prints CHANGE p50/p99/max.
# Usage: bench/change-latency.sh [rounds]   (default 50)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. bin/jdk.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One reactor run, so the classpath points at this tree's modules, not at whatever ~/.m2 holds.
./mvnw -B -q -pl app -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >&2
cp="app/target/test-classes:app/target/classes:$(cat "$work/cp")"
"$JAVA_HOME/bin/java" -Xmx256m -cp "$cp" dev.lanyard.app.bench.InformerChangeLatencyBench "${1:-50}" 2>/dev/null | grep CHANGE
