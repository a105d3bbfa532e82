#!/usr/bin/env bash
# HTTP requests to the sample app over keep-alive connections, with the fast path enabled and
# disabled, side by side in one run. Each round starts a fresh pair of JVMs (in alternating
# order, so that neither is always first), warms both up and measures each with wrk in turn:
# the ratio is taken per round, so that the difference between two JVM instances averages
# out. The servers run on one CPU and wrk on the other where taskset exists. Prints Markdown.
# Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=sample-app/target/loopback-fast-path-sample-app-0.1.0-SNAPSHOT.jar
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-16}
PATH_UNDER_TEST=${PATH_UNDER_TEST:-/greeting}
LOG_DIR=benchmarks/target/http
mkdir -p "$LOG_DIR"

command -v wrk > /dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "Build the sample app first: ./mvnw -pl sample-app -am package -DskipTests" >&2; exit 1; }
SERVER_CPU=""; CLIENT_CPU=""
if command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then SERVER_CPU="taskset -c 1"; CLIENT_CPU="taskset -c 0"; fi

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

echo "| round | fast path | requests/s | p50 | p99 |"
echo "|---:|---|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
	if [ $((round % 2)) -eq 1 ]; then ON=$(start on 18091 true); OFF=$(start off 18092 false)
	else OFF=$(start off 18092 false); ON=$(start on 18091 true); fi
	await 18091; await 18092
	$CLIENT_CPU wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:18091$PATH_UNDER_TEST" > /dev/null
	$CLIENT_CPU wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:18092$PATH_UNDER_TEST" > /dev/null
	if [ $((round % 2)) -eq 1 ]; then measure enabled 18091 "$round"; measure disabled 18092 "$round"
	else measure disabled 18092 "$round"; measure enabled 18091 "$round"; fi
	if [ "$round" -eq 1 ]; then curl -s http://127.0.0.1:18091/actuator/loopbackfastpath > "$LOG_DIR/report-enabled.json"; fi
	kill "$ON" "$OFF"; wait "$ON" "$OFF" 2> /dev/null || true
done | tee "$LOG_DIR/rounds.md"
awk -F'|' '{gsub(/ /, "", $3); gsub(/ /, "", $4)}
	$3 == "enabled" {on[$2] = $4} $3 == "disabled" {off[$2] = $4}
	END {for (r in on) {ratio = on[r] / off[r]; sum += ratio; n++; if (min == "" || ratio < min) min = ratio; if (ratio > max) max = ratio}
		printf "\nThroughput ratio enabled/disabled, per round: mean %.4f (min %.4f, max %.4f) over %d rounds\n", sum / n, min, max, n}' "$LOG_DIR/rounds.md"
