#!/usr/bin/env bash
# Provider sync benchmark: API requests per case, counted by the Cloudflare fake, for Lanyard and for
# external-dns's documented request sequence; updates the "## Provider sync" section of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl external-dns-sync test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl external-dns-sync dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
"$JAVA_HOME/bin/java" -cp "external-dns-sync/target/test-classes:external-dns-sync/target/classes:$(cat "$cp_file")" \
  dev.lanyard.sync.bench.SyncBenchmark docs/benchmarks.md
