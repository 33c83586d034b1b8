#!/usr/bin/env bash
# A batch job whose server is killed (kill -9) mid-step and then restarted finishes with exactly the same result as
# an uninterrupted run. Runs demo-population for one village twice against PostgreSQL: uninterrupted into a reference
# database, then into a second database with the server killed mid-step, started again and the execution restarted
# over REST. Compares digests of everything the job wrote for that village. Then the same for collection-import: a tax
# collection file for the village's unpaid enrollments, taken uninterrupted in the reference database and killed
# mid-import in the second; the report (outcome and code of every line) and the payments must be the same. Needs the server provisioned for
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
    export CANBAO_DEMO_CAMPAIGN=false   # only the job under test runs
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

# A tax collection file for the village's unpaid enrollments (the same in both databases: the population is seeded),
# one line each at the amount recorded as due, and every 50th line sent twice (DUPLICATE_LINE).
collection_file() { # database → file path
    local file
    file=$(mktemp --suffix=.csv)
    as_postgres psql -d "$1" -At -F, -v ON_ERROR_STOP=1 > "$file.lines" <<SQL
select 'CRASH-' || x.id_number, x.id_number, x.name, e.policy_id, e.tier, coalesce(e.amount_due, 380.00), 'WECHAT',
       '2023-11-20 10:00:00', '国家税务总局重庆市万州区税务局第一税务所'
from canbao.enrollment e join canbao.person x on x.id = e.person_id
where e.region_code = '$VILLAGE' and e.status = 'REGISTERED' order by x.id_number
SQL
    awk 'NR % 50 == 0 { print } { print }' "$file.lines" > "$file.body"
    { echo "transactionId,idNumber,name,policyId,tier,amount,channel,paidAt,taxOffice"; cat "$file.body"
      awk -F, '{ n++; s += $6 } END { printf "TOTAL,%d,%.2f\n", n, s }' "$file.body"; } > "$file"
    rm -f "$file.lines" "$file.body"
    echo "$file"
}

post_collection() { # file → collection id
    curl -fsS -u tax:demo123 -F "file=@$1;type=text/csv" "$B/collections" | json_field id
}

collection_execution() { # collection id → its job execution id
    local id=
    for _ in $(seq 1 60); do
        id=$(curl -fsS -u tax:demo123 "$B/collections/$1" | json_field executionId)
        [ -n "$id" ] && [ "$id" != "null" ] && { echo "$id"; return 0; }
        sleep 0.5
    done
    echo "collection $1 has no execution"; exit 1
}

collection_digest() { # database → the report of the village's collection file and the payments it made
    as_postgres psql -d "$1" -At -v ON_ERROR_STOP=1 <<SQL
select (select string_agg(outcome || ':' || coalesce(code, '-') || '=' || n, ' ' order by outcome, code)
        from (select outcome, code, count(*) n from canbao.collection_line group by outcome, code) c)
    || ', ' || (select count(*) from canbao.payment where transaction_id like 'CRASH-%') || ' payments, '
    || (select coalesce(sum(amount), 0) from canbao.payment where transaction_id like 'CRASH-%') || ' yuan, digest '
    || md5(coalesce((select string_agg(line_number || outcome || coalesce(code, '') || coalesce(transaction_id, ''), ',' order by line_number)
                     from canbao.collection_line), '')
        || coalesce((select string_agg(transaction_id || kind || amount || subsidy_amount || collector, ',' order by transaction_id)
                     from canbao.payment where transaction_id like 'CRASH-%'), ''))
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
reference=$(digest ${DB}_ref)
echo "   $reference"
FILE=$(collection_file ${DB}_ref)
echo "-- reference: uninterrupted collection-import of $(( $(wc -l < "$FILE") - 2 )) lines for the village's unpaid enrollments"
started=$(date +%s)
ref_collection=$(post_collection "$FILE")
wait_completed "$(collection_execution "$ref_collection")"
echo "   completed in $(( $(date +%s) - started )) s"
stop_server TERM
reference_collection=$(collection_digest ${DB}_ref)
echo "   $reference_collection"

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
interrupted=$(digest $DB)
echo "   $interrupted"
if [ "$reference" != "$interrupted" ]; then
    echo "DIFFERENT: the interrupted and restarted run did not produce the uninterrupted result"
    exit 1
fi
echo "kill -9 and restart of demo-population: the same result as the uninterrupted run"

echo "-- the same collection file, server killed with SIGKILL mid-import"
LINES=$(( $(wc -l < "$FILE") - 2 ))
collection=$(post_collection "$FILE")
execution=$(collection_execution "$collection")
# a chunk's plain lines commit together (500 by default) and the whole file takes about a second: kill as soon as
# the first chunk has committed
for _ in $(seq 1 3000); do
    taken=$(as_postgres psql -d $DB -At -c "select count(*) from canbao.payment where transaction_id like 'CRASH-%'")
    [ "$taken" -ge 1 ] && break
    sleep 0.02
done
echo "   $taken payments of $LINES lines recorded; kill -9"
stop_server KILL
start_server $DB
# an import records payments: the district bureau restarts it (an operator is refused, RESTART_MOVES_MONEY)
[ "$(curl -sS -o /dev/null -w '%{http_code}' -u operator:demo123 -X POST "$B/batch/executions/$execution/restart")" = 403 ] \
    || { echo "an operator restarted a collection import"; exit 1; }
restarted=$(curl -fsS -u district_admin:demo123 -X POST "$B/batch/executions/$execution/restart" | json_field executionId)
echo "   restarted execution $execution as $restarted (district_admin)"
wait_completed "$restarted"
stop_server TERM
interrupted_collection=$(collection_digest $DB)
echo "   $interrupted_collection"
rm -f "$FILE"
if [ "$reference_collection" != "$interrupted_collection" ]; then
    echo "DIFFERENT: the interrupted and restarted collection import did not produce the uninterrupted report"
    exit 1
fi
echo "kill -9 and restart: the same result as the uninterrupted run, for demo-population and collection-import"
