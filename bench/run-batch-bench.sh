#!/usr/bin/env bash
# Batch jobs against set-based SQL on PostgreSQL, in the same run on the same data (issue "Batch jobs"): for each size
# (default 100,000 and 1,000,000 enrollments) full-cost-switchover and campaign-renewal through the REST batch API next
# to one SQL statement making the same change, and roster-import of an N-row CSV next to COPY of the same file.
# Creates a fresh database, provisions the server for it, starts the application on its own port offset, runs
# cn.canbao.bench.BatchBench, stops the server and drops the database. Loopback only. See docs/benchmarks.md.
#
#   [CANBAO_PORT_OFFSET=400] [CANBAO_BENCH_DB=canbao_bench2_batch] bench/run-batch-bench.sh [--sizes 100000,1000000] [--jobs switchover,renewal,roster]
#
# CANBAO_PORT_OFFSET shifts every server port (HTTP 8080+offset, management 9990+offset); CANBAO_BENCH_DB names the
# database (dropped and created afresh, dropped again at the end unless KEEP_DB=1). SKIP_BUILD=1 skips the first
# build. On exit only the processes listening
# on this run's two ports (and the Maven process started here) are stopped.
#
# Needs a local PostgreSQL (as .ci/run sets up) and root (to create the database as user postgres). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${CANBAO_BENCH_DB:-canbao_bench_batch}
OFFSET=${CANBAO_PORT_OFFSET:-0}
HTTP_PORT=$((8080 + OFFSET))
MGMT_PORT=$((9990 + OFFSET))
PROPS=$(mktemp --suffix=.properties)
echo "jboss.socket.binding.port-offset=$OFFSET" > "$PROPS"
if ss -ltnH "( sport = :$HTTP_PORT or sport = :$MGMT_PORT )" | grep -q .; then
    echo "port $HTTP_PORT or $MGMT_PORT is in use: stop that server or choose another CANBAO_PORT_OFFSET"; exit 1
fi
runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q <<SQL
DROP DATABASE IF EXISTS $DB;
DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'canbao_bench') THEN
    CREATE ROLE canbao_bench LOGIN PASSWORD 'canbao_bench'; END IF; END \$\$;
CREATE DATABASE $DB OWNER canbao_bench ENCODING 'UTF8' TEMPLATE template0;
SQL
export CANBAO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB CANBAO_DB_USER=canbao_bench CANBAO_DB_PASSWORD=canbao_bench
# the living demo campaign would generate 40,480 residents beside the measurement
export CANBAO_DEMO_CAMPAIGN=false

# builds everything (bench included); ear/target/wildfly is provisioned for PostgreSQL if it is not yet (the
# datasource reads CANBAO_DB_URL when the server starts, so any PostgreSQL-provisioned server serves this database)
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -o -DskipTests package
LOG=$(mktemp)
mvn -B -q -o -DskipTests package wildfly:run -Dwildfly.propertiesFile="$PROPS" -Dwildfly.port=$MGMT_PORT > "$LOG" 2>&1 &
RUN=$!
stop() {
    for pid in $(ss -ltnpH "( sport = :$HTTP_PORT or sport = :$MGMT_PORT )" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
        kill "$pid" 2>/dev/null || true
    done
    kill $RUN 2>/dev/null || true
    wait $RUN 2>/dev/null || true
    rm -f "$PROPS"
    if [ "${KEEP_DB:-0}" != 1 ]; then
        sleep 2
        runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    fi
}
trap stop EXIT
for _ in $(seq 1 300); do
    curl -fsS -m 2 -o /dev/null http://localhost:$HTTP_PORT/canbao/api/v1/health 2>/dev/null && break
    kill -0 $RUN 2>/dev/null || { tail -40 "$LOG"; echo "server died"; exit 1; }
    sleep 1
done
curl -fsS http://localhost:$HTTP_PORT/canbao/api/v1/health; echo
echo "server log: $LOG"

java -cp bench/target/benchmarks.jar ${CANBAO_BENCH_MAIN:-cn.canbao.bench.BatchBench} http://localhost:$HTTP_PORT/canbao \
    "$CANBAO_DB_URL" "$CANBAO_DB_USER" "$CANBAO_DB_PASSWORD" "$@"
