#!/usr/bin/env bash
# Wall time from AcmeIssuer creation to a *.x + x certificate from Debian's Pebble, and the DNS
# queries Pebble and Lanyard's propagation check made. Usage: acme/bench/pebble-issue.sh [runs]
# Needs: pebble, pebble-challtestsrv, openssl. Writes acme/target/bench/pebble-issue.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out=acme/target/bench
mkdir -p "$out"
./mvnw -B -q -pl acme test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=test
{
  echo "# ACME issuance against Pebble ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
  echo
  "$JAVA_HOME/bin/java" -cp "acme/target/classes:acme/target/test-classes:$(cat "$out/classpath.txt")" \
    dev.lanyard.acme.PebbleIssueBench "${1:-10}"
} | tee "$out/pebble-issue.md"
