#!/usr/bin/env bash
# Quotes per second: the quote engine in-process on one thread (JMH) against its baselines, then, when a Canbao
# server answers, the HTTP quote load against GET /health. See docs/benchmarks.md.
#
#   bench/run-quote-bench.sh [baseUrl]        baseUrl defaults to http://localhost:8080/canbao (loopback only)
#
# Environment: JMH_OPTS (default "-f 1 -wi 5 -w 2s -i 5 -r 3s -t 1"), HTTP_OPTS (default
# "--workers 8 --requests 4000 --seconds 20 --warmup 1000"), SKIP_BUILD=1 to reuse bench/target/benchmarks.jar.
set -euo pipefail

cd "$(dirname "$0")/.."
BASE_URL="${1:-http://localhost:8080/canbao}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 5 -w 2s -i 5 -r 3s -t 1}"
HTTP_OPTS="${HTTP_OPTS:---workers 8 --requests 4000 --seconds 20 --warmup 1000}"
JAR=bench/target/benchmarks.jar

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    # only the bench module and what it needs (parent, canbao-ejb with its static weaving); no tests
    mvn -B -q -DskipTests -pl bench -am package
fi

echo "== JMH: $JMH_OPTS"
# shellcheck disable=SC2086
java -cp "$JAR" cn.canbao.bench.QuoteBench $JMH_OPTS -rf json -rff bench/target/jmh-result.json

echo
if curl -fsS -m 3 -o /dev/null "$BASE_URL/api/v1/health"; then
    echo "== HTTP load against $BASE_URL: $HTTP_OPTS"
    # shellcheck disable=SC2086
    java -cp "$JAR" cn.canbao.bench.HttpQuoteLoad "$BASE_URL" $HTTP_OPTS
else
    echo "== HTTP load skipped: no Canbao server answers at $BASE_URL/api/v1/health"
fi
