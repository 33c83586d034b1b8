#!/usr/bin/env bash
# Payments per second over HTTP against PostgreSQL, next to a raw-JDBC baseline writing the same rows in the same run
# (issue "The counter"). Creates a fresh database, provisions the server for it, starts the application, runs
# cn.canbao.bench.PaymentLoad, stops the server. Loopback only. See docs/benchmarks.md.
#
#   [CANBAO_PORT_OFFSET=800] [CANBAO_BENCH_DB=canbao_perf] bench/run-payment-bench.sh [--persons 20000] [--workers 16] [--seconds 60]
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
# the living demo campaign would generate 40,480 residents beside the measurement
export CANBAO_DEMO_CAMPAIGN=false

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

java -cp bench/target/benchmarks.jar ${CANBAO_BENCH_MAIN:-cn.canbao.bench.PaymentLoad} http://localhost:$HTTP_PORT/canbao \
    "$CANBAO_DB_URL" "$CANBAO_DB_USER" "$CANBAO_DB_PASSWORD" "$@"

# The demo tax account's password is public and hashed at bcrypt's lowest cost; a production account has cost 10
# (canbao.password.bcrypt-cost). The same load again as such an account, made through the accounts API.
if [ "${CANBAO_BENCH_PRODUCTION_ACCOUNT:-1}" = 1 ]; then
    A=http://localhost:$HTTP_PORT/canbao/api/v1/accounts
    curl -fsS -o /dev/null -u district_admin:demo123 -H 'Content-Type: application/json' -X POST "$A" \
        -d '{"username":"taxbench'$$'","displayName":"税务压测","role":"tax","regionCode":"500101","password":"Initial2026cost"}'
    curl -fsS -o /dev/null -u "taxbench$$:Initial2026cost" -H 'Content-Type: application/json' -X PUT "$A/taxbench$$/password" \
        -d '{"currentPassword":"Initial2026cost","password":"Measured2026cost"}'
    echo; echo "--- the same as tax account taxbench$$ (bcrypt cost 10) ---"
    java -cp bench/target/benchmarks.jar cn.canbao.bench.PaymentLoad http://localhost:$HTTP_PORT/canbao \
        "$CANBAO_DB_URL" "$CANBAO_DB_USER" "$CANBAO_DB_PASSWORD" "$@" --user "taxbench$$:Measured2026cost"
fi

# A program's key (docs/decisions.md 24): the same account given a key by its administrator — a salted SHA-256 digest
# checked first by the realm instead of bcrypt — and the same load again, in the same run.
if [ "${CANBAO_BENCH_PRODUCTION_ACCOUNT:-1}" = 1 ]; then
    KEY=$(curl -fsS -u district_admin:demo123 -X POST "$A/taxbench$$/api-key" | sed -n 's/.*"apiKey":"\([^"]*\)".*/\1/p')
    echo; echo "--- the same as tax account taxbench$$ signing in with its key ---"
    java -cp bench/target/benchmarks.jar cn.canbao.bench.PaymentLoad http://localhost:$HTTP_PORT/canbao \
        "$CANBAO_DB_URL" "$CANBAO_DB_USER" "$CANBAO_DB_PASSWORD" "$@" --user "taxbench$$:$KEY"
fi
