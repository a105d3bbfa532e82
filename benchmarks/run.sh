#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, on demand (not part of ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=benchmarks/target
./mvnw -q -B -ntp -Pbenchmarks -pl benchmarks,sample-app -am package -DskipTests
mkdir -p "$OUT" docs
echo "== Per connection (JMH)"
java -jar "$OUT/benchmarks.jar" ConnectionBenchmark -f 2 -rf json -rff "$OUT/jmh-connection.json" | tee "$OUT/jmh-connection.txt"
echo "== Native handle lookup per route (JMH)"
java -jar "$OUT/benchmarks.jar" HandleLookupBenchmark | tee "$OUT/jmh-lookup.txt"
echo "== Memory after many connections (JOL)"
java --add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -Djdk.attach.allowAttachSelf=true \
	-cp "$OUT/benchmarks.jar" io.github.loopbackfastpath.benchmarks.RegistryFootprint 100000 | tee "$OUT/memory.md"
echo "== Per request (wrk against the sample app)"
bash benchmarks/http-bench.sh | tee "$OUT/http.md"
echo "== Chart"
java -cp "$OUT/benchmarks.jar" io.github.loopbackfastpath.benchmarks.BenchmarkChart "$OUT/jmh-connection.json" docs/benchmarks-connection
echo "== Transports: TCP, AF_UNIX and the same-host mode through the HTTP stacks (sample app bench mode)"
APP=sample-app/target/loopback-fast-path-sample-app-0.1.0-SNAPSHOT.jar
java -jar "$APP" --bench --bench.rounds=30 --server.port=0 --server.address=127.0.0.1 | tee "$OUT/bench-tomcat.txt"
java -jar "$APP" --bench --bench.rounds=30 --server.port=0 --server.address=127.0.0.1 \
	--spring.profiles.active=reactive | tee "$OUT/bench-reactor-netty.txt"
