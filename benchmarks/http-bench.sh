#!/usr/bin/env bash
# HTTP requests to the sample app over keep-alive connections, with the fast path enabled and
# disabled, side by side in one run: two instances, wrk against each in alternating rounds so
# that drift cancels. Prints a Markdown table. Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=sample-app/target/loopback-fast-path-sample-app-0.1.0-SNAPSHOT.jar
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
PATH_UNDER_TEST=${PATH_UNDER_TEST:-/greeting}
LOG_DIR=benchmarks/target/http
mkdir -p "$LOG_DIR"

command -v wrk > /dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "Build the sample app first: ./mvnw -pl sample-app -am package -DskipTests" >&2; exit 1; }

start() { # name port enabled
	java -Xmx256m -jar "$JAR" --server.port="$2" --server.address=127.0.0.1 --loopback.fast-path.enabled="$3" \
		> "$LOG_DIR/$1.log" 2>&1 &
	echo $!
}
ON_PID=$(start on 18091 true)
OFF_PID=$(start off 18092 false)
trap 'kill $ON_PID $OFF_PID 2> /dev/null || true' EXIT
for port in 18091 18092; do
	for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port$PATH_UNDER_TEST" > /dev/null && break; sleep 0.5; done
done
# Warm both up
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:18091$PATH_UNDER_TEST" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "http://127.0.0.1:18092$PATH_UNDER_TEST" > /dev/null

run() { # mode port round
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2$PATH_UNDER_TEST" > "$LOG_DIR/$1-$3.txt"
	rps=$(awk '/^Requests\/sec/ {print $2}' "$LOG_DIR/$1-$3.txt")
	p50=$(awk '$1 == "50%" {print $2}' "$LOG_DIR/$1-$3.txt")
	p99=$(awk '$1 == "99%" {print $2}' "$LOG_DIR/$1-$3.txt")
	echo "| $3 | $1 | $rps | $p50 | $p99 |"
}
echo "| round | fast path | requests/s | p50 | p99 |"
echo "|---:|---|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
	run enabled 18091 "$round"
	run disabled 18092 "$round"
done | tee "$LOG_DIR/rounds.md"
awk -F'|' '{gsub(/ /, "", $3); gsub(/ /, "", $4)} $3 == "enabled" {on += $4; n++} $3 == "disabled" {off += $4}
	END {printf "\nMean requests/s: enabled %.0f, disabled %.0f, ratio %.4f\n", on / n, off / n, on / off}' "$LOG_DIR/rounds.md"
echo "Records on the enabled instance:"
curl -s http://127.0.0.1:18091/actuator/loopbackfastpath | head -c 400; echo
