#!/usr/bin/env bash
# Payments per second through POST /payments/batch against PostgreSQL, next to raw JDBC batch inserts of the same rows
# in the same run (issue "Money from the tax channels", target >= 0.5x). Creates a fresh database, provisions the server for it, starts the application, runs
# cn.canbao.bench.BatchPaymentLoad, stops the server. Loopback only. See docs/benchmarks.md.
#
#   [CANBAO_PORT_OFFSET=800] [CANBAO_BENCH_DB=canbao_perf] bench/run-batch-payment-bench.sh [--persons 20000] [--workers 2] [--batch 1000]
#
# CANBAO_PORT_OFFSET shifts every server port (HTTP 8080+offset, management 9990+offset) so the benchmark can run next
# to other servers on the machine; CANBAO_BENCH_DB names the database (dropped and created afresh). On exit only the
# processes listening on this run's two ports (and the Maven process started here) are stopped.
#
# Needs a local PostgreSQL (as .ci/run sets up) and root (to create the database as user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${CANBAO_BENCH_DB:-canbao_bench}
OFFSET=${CANBAO_PORT_OFFSET:-0}
HTTP_PORT=$((8080 + OFFSET))
MGMT_PORT=$((9990 + OFFSET))
PROPS=$(mktemp --suffix=.properties)
echo "jboss.socket.binding.port-offset=$OFFSET" > "$PROPS"
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<SQL
DROP DATABASE IF EXISTS $DB;
DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'canbao_bench') THEN
    CREATE ROLE canbao_bench LOGIN PASSWORD 'canbao_bench'; END IF; END \$\$;
CREATE DATABASE $DB OWNER canbao_bench ENCODING 'UTF8' TEMPLATE template0;
SQL
export CANBAO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB CANBAO_DB_USER=canbao_bench CANBAO_DB_PASSWORD=canbao_bench

rm -rf ear/target/wildfly          # provision the server for PostgreSQL
mvn -B -q -DskipTests package
LOG=$(mktemp)
mvn -B -q -DskipTests package wildfly:run -Dwildfly.propertiesFile="$PROPS" -Dwildfly.port=$MGMT_PORT > "$LOG" 2>&1 &
RUN=$!
stop() { for pid in $(ss -ltnpH "( sport = :$HTTP_PORT or sport = :$MGMT_PORT )" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do kill "$pid"; done; kill $RUN 2>/dev/null || true; }
trap stop EXIT
# the second build and the deployment can take many minutes on a loaded machine: wait while Maven runs (at most 15 min)
for _ in $(seq 1 900); do
    curl -fsS -m 2 -o /dev/null http://localhost:$HTTP_PORT/canbao/api/v1/health 2>/dev/null && break
    kill -0 $RUN 2>/dev/null || { echo "the server did not start; see $LOG" >&2; exit 1; }
    sleep 1
done
curl -fsS http://localhost:$HTTP_PORT/canbao/api/v1/health; echo

java -cp bench/target/benchmarks.jar cn.canbao.bench.BatchPaymentLoad http://localhost:$HTTP_PORT/canbao \
    "$CANBAO_DB_URL" "$CANBAO_DB_USER" "$CANBAO_DB_PASSWORD" "$@"
