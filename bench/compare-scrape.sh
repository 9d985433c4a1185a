#!/usr/bin/env bash
# The CPU one scrape of /metrics costs in two builds of the sidecar, side by side against one cluster, per thread
# (from /proc/PID/task) while hey scrapes each back to back; the ratios docs/packaging.md "Scrape cost" quotes.
# Both builds run at once, so they share the machine's noise: compare them within a round, not across runs.
#
# usage: bench/compare-scrape.sh OLD_DIR NEW_DIR BOOTSTRAP [SCRAPES [ROUNDS]]
#   OLD_DIR, NEW_DIR  each holds kafka-orchestrator.jar and lib/ (a copy of target/ after `make build`)
#   BOOTSTRAP         host:port of a broker, e.g. the one `./mvnw -B -q test-compile exec:java@run-local` prints
#   SCRAPES           per build and round (default 2000), after 3000 to warm up; ROUNDS default 3
set -euo pipefail
if (( $# < 3 )); then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
old_dir=$1 new_dir=$2 bootstrap=$3 scrapes=${4:-2000} rounds=${5:-3}
cd "$(dirname "$0")/.."
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
command -v hey >/dev/null || { echo "compare-scrape: needs hey (apt-get install hey)" >&2; exit 2; }
# The image's flags, but for the AOT cache (made for the image's paths) and its mapping address.
mapfile -t flags < <(grep -v -e '^#' -e ArchiveRelocationMode packaging/jvm.options)
tick_ms=$(( 1000 / $(getconf CLK_TCK) ))

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start() { # dir port -> pid
  PORT=$2 BROKER_ID=0 BOOTSTRAP_SERVERS=$bootstrap LOG_LEVEL=warn "$java" "${flags[@]}" -jar "$1/kafka-orchestrator.jar" \
    >"/tmp/compare-scrape-$2.log" 2>&1 &
  echo $!
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# CPU ticks per thread name (trailing digits dropped, so that http-0 and http-7 add up)
threads() { for t in /proc/"$1"/task/*; do echo "$(sed 's/[0-9]*$//; s/ /_/g' < "$t/comm") $(awk '{print $14 + $15}' "$t/stat")"; done \
  | awk '{sum[$1] += $2} END {for (name in sum) print name, sum[name]}' | sort; }

declare -A pid port
for build in old new; do
  port[$build]=$(free_port)
  dir=$old_dir; [[ $build == new ]] && dir=$new_dir
  pid[$build]=$(start "$dir" "${port[$build]}")
  pids+=("${pid[$build]}")
done
for build in old new; do
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:${port[$build]}/health/ready" >/dev/null && break
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:${port[$build]}/health/ready" >/dev/null \
    || { echo "compare-scrape: the $build build is not ready; see /tmp/compare-scrape-${port[$build]}.log" >&2; exit 1; }
  hey -n 3000 -c 1 "http://127.0.0.1:${port[$build]}/metrics" >/dev/null
done

for round in $(seq "$rounds"); do
  for build in old new; do
    before=$(threads "${pid[$build]}")
    latency=$(hey -n "$scrapes" -c 1 "http://127.0.0.1:${port[$build]}/metrics" \
      | awk '/ 50% in / {p50 = $3 * 1000} / 99% in / {p99 = $3 * 1000} END {printf "p50 %.2f ms, p99 %.2f ms", p50, p99}')
    after=$(threads "${pid[$build]}")
    cpu=$(join <(echo "$before") <(echo "$after") | awk -v n="$scrapes" -v tick="$tick_ms" '
      {ms = ($3 - $2) * tick / n; total += ms; if (ms >= 0.005) line = line sprintf(" %s %.3f", $1, ms)}
      END {printf "CPU per scrape %.3f ms (%s)", total, substr(line, 2)}')
    echo "round $round $build: $latency; $cpu"
  done
done
