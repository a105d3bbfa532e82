#!/usr/bin/env bash
# HTTP requests to the sample app over keep-alive connections, with the fast path enabled and
# disabled, side by side in one run. Each round starts a fresh pair of JVMs, warms both up,
# lets their compilers settle, then measures them in the order enabled, disabled, disabled,
# enabled (ABBA), so that order and drift cancel within the round; the ratio is taken per
# round, so that the difference between two JVM instances averages out. PIN=yes runs the servers on one CPU and wrk on the other (taskset). Prints Markdown.
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=sample-app/target/loopback-fast-path-sample-app-0.1.0-SNAPSHOT.jar
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8s}
WARMUP=${WARMUP:-30s}
PIN=${PIN:-no}
# For an A/A check of the set-up itself: ENABLED=false runs the "enabled" instance disabled too
ENABLED=${ENABLED:-true}
CONNECTIONS=${CONNECTIONS:-16}
PATH_UNDER_TEST=${PATH_UNDER_TEST:-/greeting}
LOG_DIR=benchmarks/target/http
mkdir -p "$LOG_DIR"

command -v wrk > /dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "Build the sample app first: ./mvnw -pl sample-app -am package -DskipTests" >&2; exit 1; }
SERVER_CPU=""; CLIENT_CPU=""
if [ "$PIN" = yes ] && command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then
	SERVER_CPU="taskset -c 1"; CLIENT_CPU="taskset -c 0"
fi

start() { # name port enabled
	$SERVER_CPU java -Xmx256m -jar "$JAR" --server.port="$2" --server.address=127.0.0.1 \
		--loopback.fast-path.enabled="$3" > "$LOG_DIR/$1.log" 2>&1 &
	echo $!
}
await() { # port
	for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1$PATH_UNDER_TEST" > /dev/null && return; sleep 0.5; done
	echo "The sample app on port $1 did not start" >&2; exit 1
}
measure() { # mode port round
	$CLIENT_CPU wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2$PATH_UNDER_TEST" > "$LOG_DIR/$1-$3.txt"
	rps=$(awk '/^Requests\/sec/ {print $2}' "$LOG_DIR/$1-$3.txt")
	p50=$(awk '$1 == "50%" {print $2}' "$LOG_DIR/$1-$3.txt")
	p99=$(awk '$1 == "99%" {print $2}' "$LOG_DIR/$1-$3.txt")
	echo "| $3 | $1 | $rps | $p50 | $p99 |"
}

for port in 18091 18092; do
	if curl -s "http://127.0.0.1:$port/" > /dev/null; then echo "Port $port is in use: stop what listens there" >&2; exit 1; fi
done
trap 'pkill -f -- "--server.port=1809[12]" 2> /dev/null || true' EXIT

echo "| round | fast path | requests/s | p50 | p99 |"
echo "|---:|---|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
	ON=$(start on 18091 "$ENABLED"); OFF=$(start off 18092 false)
	await 18091; await 18092
	$CLIENT_CPU wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:18091$PATH_UNDER_TEST" > /dev/null
	$CLIENT_CPU wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:18092$PATH_UNDER_TEST" > /dev/null
	sleep 5
	measure enabled 18091 "$round.a"; measure disabled 18092 "$round.b"
	measure disabled 18092 "$round.c"; measure enabled 18091 "$round.d"
	if [ "$round" -eq 1 ]; then curl -s http://127.0.0.1:18091/actuator/loopbackfastpath > "$LOG_DIR/report-enabled.json"; fi
	kill "$ON" "$OFF"
	# They are not this shell's children: wait until both have exited and freed their ports
	for pid in "$ON" "$OFF"; do while kill -0 "$pid" 2> /dev/null; do sleep 0.2; done; done
done | tee "$LOG_DIR/rounds.md"
awk -F'|' '{gsub(/ /, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); split($2, r, ".")}
	$3 == "enabled" {on[r[1]] += $4} $3 == "disabled" {off[r[1]] += $4}
	END {for (k in on) {ratio = on[k] / off[k]; sum += ratio; n++; if (min == "" || ratio < min) min = ratio; if (ratio > max) max = ratio;
			printf "Round %s: enabled %.0f, disabled %.0f requests/s, ratio %.4f\n", k, on[k] / 2, off[k] / 2, ratio}
		printf "Throughput ratio enabled/disabled: mean %.4f (min %.4f, max %.4f) over %d rounds\n", sum / n, min, max, n}' "$LOG_DIR/rounds.md"
