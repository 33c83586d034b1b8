#!/usr/bin/env bash
# A batch job whose server is killed (kill -9) mid-step and then restarted finishes with exactly the same result as
# an uninterrupted run. Runs demo-population for one village twice against PostgreSQL: uninterrupted into a reference
# database, then into a second database with the server killed mid-step, started again and the execution restarted
# over REST. Compares digests of everything the job wrote for that village. Needs the server provisioned for
# PostgreSQL (as `mvn verify` with CANBAO_DB_URL leaves it) and a local PostgreSQL (as .ci/run sets up).
# Loopback only; bounded waits; stops the servers it started. Next to other servers: CANBAO_PORT_OFFSET=N shifts the
# ports (HTTP 8080+N, management 9990+N) and CRASH_DB=name names the databases (name_ref and name; default canbao_crash).
set -euo pipefail
cd "$(dirname "$0")/.."

VILLAGE=500101101015
COUNT=${CRASH_TEST_COUNT:-12000}
PARAMS="{\"parameters\":{\"regionCode\":\"$VILLAGE\",\"count\":$COUNT,\"seed\":20231120,\"policyId\":\"500101-2024\",\"chunkSize\":100,\"threads\":1}}"
OFFSET=${CANBAO_PORT_OFFSET:-0}
HTTP_PORT=$((8080 + OFFSET))
MGMT_PORT=$((9990 + OFFSET))
DB=${CRASH_DB:-canbao_crash}
PROPS=$(mktemp --suffix=.properties)
echo "jboss.socket.binding.port-offset=$OFFSET" > "$PROPS"
B=http://localhost:$HTTP_PORT/canbao/api/v1
LOG=$(mktemp)
RUN=

as_postgres() { runuser -u postgres -- "$@"; }
server_pids() { ss -ltnpH "( sport = :$HTTP_PORT or sport = :$MGMT_PORT )" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; }
stop_server() {
    local signal=${1:-TERM}
    for pid in $(server_pids); do kill -"$signal" "$pid" 2>/dev/null || true; done
    [ -n "$RUN" ] && { kill "$RUN" 2>/dev/null || true; wait "$RUN" 2>/dev/null || true; }
    RUN=
    for _ in $(seq 1 60); do [ -z "$(server_pids)" ] && return 0; sleep 1; done
    echo "server did not stop"; exit 1
}
trap 'stop_server KILL' EXIT

start_server() { # database name
    export CANBAO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$1
    mvn -B -q -o -DskipTests package wildfly:run -Dwildfly.propertiesFile="$PROPS" -Dwildfly.port=$MGMT_PORT > "$LOG" 2>&1 &
    RUN=$!
    for _ in $(seq 1 240); do
        curl -fsS -m 2 -o /dev/null "$B/health" 2>/dev/null && return 0
        kill -0 "$RUN" 2>/dev/null || { tail -40 "$LOG"; echo "server died"; exit 1; }
        sleep 1
    done
    tail -40 "$LOG"; echo "server did not come up"; exit 1
}

fresh_db() {
    as_postgres psql -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $1" \
        -c "CREATE DATABASE $1 OWNER $CANBAO_DB_USER ENCODING 'UTF8' TEMPLATE template0"
}

json_field() { sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^,\"}]*\).*/\1/p" | sed -n 1p; }

start_job() {
    curl -fsS -u operator:demo123 -H 'Content-Type: application/json' -X POST "$B/batch/jobs/demo-population/executions" -d "$PARAMS" \
        | json_field executionId
}

wait_completed() { # execution id
    local status
    for _ in $(seq 1 600); do
        status=$(curl -fsS -u operator:demo123 "$B/batch/executions/$1" | json_field batchStatus)
        case "$status" in
            COMPLETED) return 0 ;;
            FAILED|STOPPED|ABANDONED) curl -sS -u operator:demo123 "$B/batch/executions/$1"; echo; echo "execution $1 ended $status"; exit 1 ;;
        esac
        sleep 1
    done
    echo "execution $1 did not complete"; exit 1
}

digest() { # database → one line describing everything the job wrote for the village
    as_postgres psql -d "$1" -At -v ON_ERROR_STOP=1 <<SQL
select (select count(*) from canbao.person where household_region_code = '$VILLAGE')
    || ' persons, ' || (select count(*) from canbao.household where region_code = '$VILLAGE')
    || ' households, ' || (select count(*) from canbao.enrollment where region_code = '$VILLAGE')
    || ' enrollments, ' || (select count(*) from canbao.payment p join canbao.person x on x.id = p.person_id where x.household_region_code = '$VILLAGE')
    || ' payments, ' || (select coalesce(sum(p.amount), 0) from canbao.payment p join canbao.person x on x.id = p.person_id where x.household_region_code = '$VILLAGE')
    || ' yuan, ' || (select count(*) from canbao.subsidy_identity s join canbao.person x on x.id = s.person_id where x.household_region_code = '$VILLAGE')
    || ' identities, digest ' || md5(
        coalesce((select string_agg(x.id_number || x.name || x.birth_date || x.resident_type, ',' order by x.id_number)
                  from canbao.person x where x.household_region_code = '$VILLAGE'), '')
        -- households by their members (ids are generated, so compare compositions)
        || coalesce((select string_agg(members, ';' order by members) from (select string_agg(id_number, ',' order by id_number) members
                  from canbao.person where household_region_code = '$VILLAGE' group by household_id) h), '')
        || coalesce((select string_agg(p.transaction_id || p.amount || p.subsidy_amount || p.fiscal_share_amount || p.channel || p.paid_at || p.benefit_start, ',' order by p.transaction_id)
                  from canbao.payment p join canbao.person x on x.id = p.person_id where x.household_region_code = '$VILLAGE'), '')
        || coalesce((select string_agg(x.id_number || e.status || e.tier || coalesce(e.amount_due::text, '-'), ',' order by x.id_number)
                  from canbao.enrollment e join canbao.person x on x.id = e.person_id where e.region_code = '$VILLAGE'), ''))
SQL
}

: "${CANBAO_DB_USER:?set CANBAO_DB_USER/CANBAO_DB_PASSWORD (as .ci/run does)}"
ls ear/target/wildfly/.canbao-provisioned-postgresql-* >/dev/null 2>&1 || { echo "provision the server for PostgreSQL first (mvn verify with CANBAO_DB_URL)"; exit 1; }

echo "-- reference: uninterrupted demo-population of $COUNT persons into $VILLAGE"
fresh_db ${DB}_ref
start_server ${DB}_ref
started=$(date +%s)
ref_id=$(start_job)
wait_completed "$ref_id"
echo "   completed in $(( $(date +%s) - started )) s"
stop_server TERM
reference=$(digest ${DB}_ref)
echo "   $reference"

echo "-- the same job, server killed with SIGKILL mid-step"
fresh_db $DB
start_server $DB
id=$(start_job)
for _ in $(seq 1 300); do
    written=$(as_postgres psql -d $DB -At -c "select count(*) from canbao.person where household_region_code = '$VILLAGE'")
    [ "$written" -ge $(( COUNT / 4 )) ] && break
    sleep 0.5
done
echo "   $written of $COUNT persons written; kill -9"
stop_server KILL
as_postgres psql -d $DB -At -c "select 'execution ' || jobexecutionid || ' left ' || batchstatus from job_execution where jobexecutionid = $id"
start_server $DB
grep -a "were interrupted by a server stop" "$LOG" | sed 's/^.*WARN/   WARN/' || { echo "the interrupted execution was not recovered"; exit 1; }
restarted=$(curl -fsS -u operator:demo123 -X POST "$B/batch/executions/$id/restart" | json_field executionId)
echo "   restarted execution $id as $restarted"
wait_completed "$restarted"
stop_server TERM
interrupted=$(digest $DB)
echo "   $interrupted"

if [ "$reference" != "$interrupted" ]; then
    echo "DIFFERENT: the interrupted and restarted run did not produce the uninterrupted result"
    exit 1
fi
echo "kill -9 and restart: the same result as the uninterrupted run"
