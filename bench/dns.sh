#!/usr/bin/env bash
# DNS server benchmark: Lanyard, BIND 9 and Knot serve the same zone (1,000 A, 200 AAAA, 100 CNAME)
# and answer the same query mix (those names plus 200 NXDOMAIN and 200 NODATA questions), each
# server pinned to one core and dnsperf to another. Also measures Lanyard's memory with 100,000
# names under -Xmx256m and the time from update() to the new answer on the wire.
# Prints a report and writes it into the "## DNS server" section of docs/benchmarks.md.
#
# Needs (Debian): dnsperf bind9 knot util-linux(taskset) iproute2(ss) dnsutils(dig), and a JDK 21+.
# The three servers run side by side (idle ones cost nothing) and are measured in RUNS interleaved
# rounds; the median of each server's rounds is reported, which evens out a noisy machine.
# Knobs (environment): DURATION (s per throughput run, 15), RUNS (3), WARMUP (s, 5), LATENCY_QPS (20000),
# LATENCY_SECONDS (10), SERVER_CPU (0), CLIENT_CPU (1), CLIENTS (dnsperf -c, 8), OUTSTANDING (dnsperf -q, 500),
# BENCH_REACTOR (1: build core from this tree too; 0: use the lanyard-core installed in ~/.m2),
# BENCH_DOC (docs/benchmarks.md; "-" to leave it alone).
set -euo pipefail
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$(dirname "$0")/.."
ROOT=$(pwd)

DURATION=${DURATION:-15}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-5}
LATENCY_QPS=${LATENCY_QPS:-20000}
LATENCY_SECONDS=${LATENCY_SECONDS:-10}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
CLIENTS=${CLIENTS:-8}
OUTSTANDING=${OUTSTANDING:-500}
BENCH_REACTOR=${BENCH_REACTOR:-1}
BENCH_DOC=${BENCH_DOC:-docs/benchmarks.md}
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

missing=()
for tool in dnsperf:dnsperf named:bind9 knotd:knot taskset:util-linux ss:iproute2 dig:dnsutils; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
"$JAVA" -version >/dev/null 2>&1 || missing+=("a JDK 21+ (set JAVA_HOME)")
if ((${#missing[@]})); then
  echo "missing tools; install with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if (($(nproc) < 2)); then
  echo "needs at least 2 cores (server on one, dnsperf on another)" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/lanyard-dns-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 200); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Htuln | awk '{print $5}' | grep -q ":$port\$"; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  exit 1
}

wait_for_answer() { # port name
  for _ in $(seq 100); do
    if dig @127.0.0.1 -p "$1" +time=1 +tries=1 +short "$2" A 2>/dev/null | grep -q .; then
      return 0
    fi
    sleep 0.2
  done
  echo "server on port $1 did not answer $2" >&2
  return 1
}

echo "== building the dns-server module"
if [[ "$BENCH_REACTOR" == 1 ]]; then
  ./mvnw -B -q -pl dns-server -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
else
  ./mvnw -B -q -pl dns-server -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
fi
CP="$ROOT/dns-server/target/test-classes:$ROOT/dns-server/target/classes:$(cat "$WORK/cp.txt")"
if [[ "$BENCH_REACTOR" == 1 ]]; then
  CP="$CP:$ROOT/core/target/classes"
fi
bench() { "$JAVA" -XX:+UseParallelGC "$@"; }
bench -cp "$CP" dev.lanyard.dns.bench.DnsBench files "$WORK"

# dnsperf output -> "qps lost avg_ms"
perf_summary() {
  awk '/Queries per second:/ {q=$4} /Queries lost:/ {l=$3} /Average Latency/ {a=$4*1000}
       END {printf "%.0f %s %.3f\n", q, l, a}' "$1"
}
# dnsperf -v output -> "p50_ms p99_ms answered timeouts"
latency_summary() {
  awk '$1 == ">" && $2 != "T" {print $NF * 1000} $1 == ">" && $2 == "T" {t++} END {print "T", t+0 > "/dev/stderr"}' \
    "$1" 2>"$1.timeouts" | sort -n >"$1.sorted"
  local n timeouts
  n=$(wc -l <"$1.sorted")
  timeouts=$(awk '{print $2}' "$1.timeouts")
  if ((n == 0)); then
    echo "- - 0 $timeouts"
    return
  fi
  awk -v n="$n" -v t="$timeouts" 'NR == int(n * 0.50 + 0.5) {p50=$1} NR == int(n * 0.99 + 0.5) {p99=$1}
       END {printf "%.3f %.3f %d %d\n", p50, p99, n, t}' "$1.sorted"
}

declare -A PORT QPS LOST AVG P50 P99 TIMEOUTS ROUNDS
SERVERS=(lanyard bind knot)

# --- Lanyard
PORT[lanyard]=$(free_port)
taskset -c "$SERVER_CPU" "$JAVA" -XX:+UseParallelGC -Xms512m -Xmx512m -cp "$CP" \
  dev.lanyard.dns.bench.DnsBench serve "${PORT[lanyard]}" >"$WORK/lanyard.log" 2>&1 &
PIDS+=($!)

# --- BIND 9, one worker
PORT[bind]=$(free_port)
mkdir -p "$WORK/bind"
cat >"$WORK/bind/named.conf" <<EOF
options {
  directory "$WORK/bind";
  pid-file "$WORK/bind/named.pid";
  session-keyfile "$WORK/bind/session.key";
  managed-keys-directory "$WORK/bind";
  listen-on port ${PORT[bind]} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  minimal-responses yes;
  notify no;
};
controls { };
zone "example.com" { type primary; file "$WORK/example.com.zone"; };
EOF
taskset -c "$SERVER_CPU" named -g -n 1 -c "$WORK/bind/named.conf" >"$WORK/bind.log" 2>&1 &
PIDS+=($!)

# --- Knot, one UDP worker
PORT[knot]=$(free_port)
mkdir -p "$WORK/knot"
cat >"$WORK/knot/knot.conf" <<EOF
server:
  listen: 127.0.0.1@${PORT[knot]}
  rundir: "$WORK/knot"
  udp-workers: 1
  tcp-workers: 1
  background-workers: 1
control:
  listen: "$WORK/knot/knot.sock"
database:
  storage: "$WORK/knot"
log:
  - target: stderr
    any: warning
zone:
  - domain: example.com
    storage: "$WORK"
    file: "example.com.zone"
EOF
taskset -c "$SERVER_CPU" knotd -c "$WORK/knot/knot.conf" >"$WORK/knot.log" 2>&1 &
PIDS+=($!)

for name in "${SERVERS[@]}"; do
  wait_for_answer "${PORT[$name]}" host-1.example.com
  echo "== $name: warm-up ${WARMUP}s"
  taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "${PORT[$name]}" -d "$WORK/queries.txt" -l "$WARMUP" \
    -c "$CLIENTS" -q "$OUTSTANDING" >/dev/null 2>&1 || true
done

for round in $(seq "$RUNS"); do
  for name in "${SERVERS[@]}"; do
    taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "${PORT[$name]}" -d "$WORK/queries.txt" -l "$DURATION" \
      -c "$CLIENTS" -q "$OUTSTANDING" >"$WORK/$name.$round.perf" 2>&1
    read -r q l a < <(perf_summary "$WORK/$name.$round.perf")
    echo "$q $l $a" >>"$WORK/$name.rounds"
    ROUNDS[$name]="${ROUNDS[$name]:-}${ROUNDS[$name]:+, }$q"
    echo "== round $round, $name: $q q/s, lost $l, avg $a ms (load $(cut -d' ' -f1-3 /proc/loadavg))"
  done
done

for name in "${SERVERS[@]}"; do
  # the round with the median queries/s
  read -r QPS[$name] LOST[$name] AVG[$name] < <(sort -n "$WORK/$name.rounds" | awk -v n="$RUNS" 'NR == int((n + 1) / 2)')
  echo "== $name: latency at ${LATENCY_QPS} q/s for ${LATENCY_SECONDS}s"
  taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "${PORT[$name]}" -d "$WORK/queries.txt" -l "$LATENCY_SECONDS" \
    -Q "$LATENCY_QPS" -c "$CLIENTS" -q "$OUTSTANDING" -v >"$WORK/$name.lat" 2>&1
  read -r P50[$name] P99[$name] _ TIMEOUTS[$name] < <(latency_summary "$WORK/$name.lat")
  echo "   median ${QPS[$name]} q/s (rounds: ${ROUNDS[$name]}); at ${LATENCY_QPS} q/s: p50 ${P50[$name]} ms," \
    "p99 ${P99[$name]} ms, ${TIMEOUTS[$name]} timeouts"
done
for pid in "${PIDS[@]}"; do
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
PIDS=()

# --- Memory: 100,000 names with a 256 MB heap, and that it still answers
MPORT=$(free_port)
taskset -c "$SERVER_CPU" "$JAVA" -XX:+UseParallelGC -Xmx256m -cp "$CP" \
  dev.lanyard.dns.bench.DnsBench serve "$MPORT" 100000 >"$WORK/memory.log" 2>&1 &
PIDS+=($!)
MEM_PID=$!
for _ in $(seq 300); do
  grep -q READY "$WORK/memory.log" && break
  sleep 0.2
done
wait_for_answer "$MPORT" n99999.d99.example.com
MEMLINE=$(grep READY "$WORK/memory.log")
awk 'BEGIN {srand(7); for (i = 0; i < 20000; i++) {n = int(rand() * 100000); print "n" n ".d" (n % 100) ".example.com A"}}' \
  >"$WORK/memory-queries.txt"
taskset -c "$CLIENT_CPU" dnsperf -s 127.0.0.1 -p "$MPORT" -d "$WORK/memory-queries.txt" -l 10 -c "$CLIENTS" \
  -q "$OUTSTANDING" >"$WORK/memory.perf" 2>&1
read -r MEM_QPS MEM_LOST _ < <(perf_summary "$WORK/memory.perf")
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$MEM_PID/status")
kill "$MEM_PID"
wait "$MEM_PID" 2>/dev/null || true
echo "== memory: $MEMLINE rss_mb=$((RSS_KB / 1024)); $MEM_QPS q/s, lost $MEM_LOST"

# --- Change latency: update() to the new answer on the wire
CHANGE_SMALL=$(taskset -c "$SERVER_CPU" "$JAVA" -XX:+UseParallelGC -Xmx512m -cp "$CP" \
  dev.lanyard.dns.bench.DnsBench change-latency 0 200 2>/dev/null | grep CHANGE)
CHANGE_LARGE=$(taskset -c "$SERVER_CPU" "$JAVA" -XX:+UseParallelGC -Xmx256m -cp "$CP" \
  dev.lanyard.dns.bench.DnsBench change-latency 100000 20 2>/dev/null | grep CHANGE)
echo "== change latency: $CHANGE_SMALL"
echo "== change latency: $CHANGE_LARGE"

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

CPU_MODEL=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
REPORT="$WORK/report.md"
{
  echo "## DNS server"
  echo
  echo "Measured by \`bench/dns.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($CPU_MODEL), $(free -g | awk '/Mem:/ {print $2}') GB RAM,"
  echo "Linux $(uname -r), $("$JAVA" -version 2>&1 | head -1), $(named -v | cut -d' ' -f1-2), Knot $(knotd -V | awk '{print $NF}'),"
  echo "dnsperf $(dnsperf -h 2>&1 | awk '/^Version/ {print $2}'). Each server is pinned to core $SERVER_CPU with \`taskset\`, dnsperf to core $CLIENT_CPU"
  echo "(\`-c $CLIENTS -q $OUTSTANDING\`, UDP). Load average before the run: $LOAD_BEFORE; at the end (the benchmark"
  echo "itself keeps both cores busy): $(cut -d' ' -f1-3 /proc/loadavg). A before-load well above 0 means something else"
  echo "ran: compare the servers within one run, and rerun \`bench/dns.sh\` on a quiet machine for clean numbers."
  echo
  echo "Zone: example.com with 1,000 A, 200 AAAA and 100 CNAME names. Query mix (1,700 questions, shuffled, looped):"
  echo "those names (CNAMEs asked for A, so the chain is followed), 200 NXDOMAIN and 200 NODATA (MX at an A name)."
  echo "Throughput: the three servers run side by side (an idle one costs nothing) and are measured in $RUNS"
  echo "interleaved rounds of ${DURATION} s each after a ${WARMUP} s warm-up, dnsperf sending as fast as it can; the"
  echo "table shows each server's median round (all rounds listed below it). Latency: a separate"
  echo "${LATENCY_SECONDS} s run at a fixed ${LATENCY_QPS} q/s with \`dnsperf -v\`, whose per-query latencies are sorted to"
  echo "take p50 and p99 (dnsperf 2.10 itself reports only average and standard deviation)."
  echo
  echo "| server | queries/s (median round) | lost | avg latency at full load (ms) | p50 at ${LATENCY_QPS} q/s (ms) | p99 at ${LATENCY_QPS} q/s (ms) | timeouts at ${LATENCY_QPS} q/s |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  echo "| Lanyard (1 UDP thread, JDK) | ${QPS[lanyard]} | ${LOST[lanyard]} | ${AVG[lanyard]} | ${P50[lanyard]} | ${P99[lanyard]} | ${TIMEOUTS[lanyard]} |"
  echo "| BIND 9 (\`-n 1\`, minimal-responses) | ${QPS[bind]} | ${LOST[bind]} | ${AVG[bind]} | ${P50[bind]} | ${P99[bind]} | ${TIMEOUTS[bind]} |"
  echo "| Knot (1 UDP worker) | ${QPS[knot]} | ${LOST[knot]} | ${AVG[knot]} | ${P50[knot]} | ${P99[knot]} | ${TIMEOUTS[knot]} |"
  echo
  echo "Rounds (queries/s): Lanyard ${ROUNDS[lanyard]}; BIND ${ROUNDS[bind]}; Knot ${ROUNDS[knot]}."
  echo
  echo "Ratios (median queries/s): Lanyard/BIND = **$(ratio "${QPS[lanyard]}" "${QPS[bind]}")**, Lanyard/Knot = **$(ratio "${QPS[lanyard]}" "${QPS[knot]}")**."
  echo
  echo "Lost: queries dnsperf got no answer for; at full load these are datagrams dropped at a full socket"
  echo "receive buffer. Lanyard asks for a 4 MiB receive buffer (SO_RCVBUF); BIND and Knot run with their defaults."
  echo "In a JFR allocation profile of Lanyard under full load, the only allocations were the JDK's sender address"
  echo "objects, made when a datagram comes from another sender than the previous one (dnsperf's 8 clients alternate)."
  echo
  echo "Memory: 100,000 A names in one view (plus SOA, NS, glue) with \`-Xmx256m\`: heap after a full GC"
  echo "$(field heap_used_mb "$MEMLINE") MB, process RSS $((RSS_KB / 1024)) MB, snapshot built in $(field build_ms "$MEMLINE") ms;"
  echo "it then answered $MEM_QPS q/s over 10 s of random names (lost: $MEM_LOST)."
  echo
  echo "Change latency, from the \`update(DesiredState)\` call to a UDP client receiving the new address"
  echo "(one A record changed per update; \`update()\` builds the new snapshot and swaps it in before it returns):"
  echo
  echo "| zone | changes | p50 (ms) | p99 (ms) | max (ms) |"
  echo "|---|---:|---:|---:|---:|"
  echo "| standard zone ($(field names "$CHANGE_SMALL") names) | $(field changes "$CHANGE_SMALL") | $(field p50_ms "$CHANGE_SMALL") | $(field p99_ms "$CHANGE_SMALL") | $(field max_ms "$CHANGE_SMALL") |"
  echo "| $(field names "$CHANGE_LARGE") names, \`-Xmx256m\` | $(field changes "$CHANGE_LARGE") | $(field p50_ms "$CHANGE_LARGE") | $(field p99_ms "$CHANGE_LARGE") | $(field max_ms "$CHANGE_LARGE") |"
  echo
  echo "This is the DNS server's share of the manifest/informer change latency; the source's own"
  echo "debounce and the translation come on top and are measured with the app."
} >"$REPORT"

echo
cat "$REPORT"

if [[ "$BENCH_DOC" != "-" ]]; then
  touch "$BENCH_DOC"
  awk -v report="$REPORT" '
    BEGIN {while ((getline line < report) > 0) section = section line "\n"}
    /^## DNS server[[:space:]]*$/ {skip = 1; printf "%s", section; done = 1; next}
    skip && /^## / {skip = 0; print ""}
    !skip {print}
    END {if (!done) {if (NR > 0) print ""; printf "%s", section}}
  ' "$BENCH_DOC" >"$WORK/doc.md"
  cp "$WORK/doc.md" "$BENCH_DOC"
  echo "wrote the \"## DNS server\" section of $BENCH_DOC"
fi
