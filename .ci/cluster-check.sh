#!/usr/bin/env bash
# Canbao on two WildFly nodes (standalone-ha.xml: JGroups over TCP with a static member list, Infinispan) behind
# HAProxy (sticky sessions by a prefix on JSESSIONID, failover by redispatch), over one PostgreSQL — issue "More than
# one node", docs/operations.md "Several nodes". Checks with exact counts:
#   1. both nodes see the same members (a, b) and one coordinator;
#   2. a policy PUT on node B is used by the next quote on node A;
#   3. the scheduler's check asked on both nodes at once starts the due job once;
#   4. a payment storm through the balancer and straight to both nodes — every transaction id sent several times, and
#      a second id for each person — gives exactly one payment per person; node A is killed with kill -9 during the
#      storm; the clients retry with the same transaction id; nothing is lost or doubled;
#   5. a demo-population job running on node A dies with it; node B (the coordinator now) marks it FAILED and restarts
#      it; the result has the same digest as an uninterrupted run;
#   6. a session signed in through the balancer on node A goes on, signed in, on node B;
#   7. payments per second through the balancer with two nodes and with one (wrk, same run; two cores: no gain expected).
# Needs the server provisioned for PostgreSQL and the EAR built (as `mvn verify` with CANBAO_DB_URL leaves them), a local
# PostgreSQL with the user of CANBAO_DB_USER (as .ci/run sets up), root (databases as user postgres), haproxy and wrk
# (Debian packages; installed when missing). Loopback only; bounded waits; stops what it started.
# Ports: node a HTTP 8180 / management 10090 / JGroups 7700, node b 8280 / 10190 / 7800, balancer 8088 (CLUSTER_LB_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${CANBAO_DB_USER:?set CANBAO_DB_USER/CANBAO_DB_PASSWORD (as .ci/run does)}"
ls ear/target/wildfly/.canbao-provisioned-postgresql-* >/dev/null 2>&1 && [ -f ear/target/canbao.ear ] \
    || { echo "build and provision for PostgreSQL first (mvn verify or package with CANBAO_DB_URL)"; exit 1; }
if ! command -v haproxy >/dev/null || ! command -v wrk >/dev/null; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy wrk >/dev/null
fi

DB=${CLUSTER_DB:-canbao_cluster}
LB_PORT=${CLUSTER_LB_PORT:-8088}
VILLAGE=500101101015          # the batch job's village (demo-population)
STORM_VILLAGE=500101101014    # the payment storm's persons
COUNT=${CLUSTER_JOB_COUNT:-6000}
STORM=${CLUSTER_STORM_PERSONS:-600}
PARAMS="{\"parameters\":{\"regionCode\":\"$VILLAGE\",\"count\":$COUNT,\"seed\":20231120,\"policyId\":\"500101-2024\",\"chunkSize\":100,\"threads\":1}}"
W=$(mktemp -d /tmp/canbao-cluster.XXXXXX)
WILDFLY=$PWD/ear/target/wildfly
declare -A OFFSET=([a]=100 [b]=200)
HOSTS="127.0.0.1[$((7600 + OFFSET[a]))],127.0.0.1[$((7600 + OFFSET[b]))]"
LB=http://127.0.0.1:$LB_PORT/canbao
HAPROXY=

as_postgres() { runuser -u postgres -- "$@"; }
http_port() { echo $((8080 + OFFSET[$1])); }
api() { echo "http://127.0.0.1:$(http_port "$1")/canbao/api/v1"; }
node_pids() { ss -ltnpH "( sport = :$(http_port "$1") or sport = :$((9990 + OFFSET[$1])) )" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; }
json_field() { sed -n "s/.*\"$1\" *: *\"\{0,1\}\([^,\"}]*\).*/\1/p" | sed -n 1p; }
psql_db() { as_postgres psql -d "$DB" -At -v ON_ERROR_STOP=1 "$@"; }

stop_node() { # name signal
    for pid in $(node_pids "$1"); do kill -"${2:-TERM}" "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 60); do [ -z "$(node_pids "$1")" ] && return 0; sleep 1; done
    echo "node $1 did not stop"; exit 1
}
cleanup() {
    set +e
    [ -n "$HAPROXY" ] && kill "$HAPROXY" 2>/dev/null
    stop_node a KILL >/dev/null 2>&1; stop_node b KILL >/dev/null 2>&1
    [ "${CLUSTER_KEEP:-0}" = 1 ] || rm -rf "$W"
}
trap cleanup EXIT

fresh_db() {
    as_postgres psql -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $1" \
        -c "CREATE DATABASE $1 OWNER $CANBAO_DB_USER ENCODING 'UTF8' TEMPLATE template0"
}

start_node() { # name database — its own base directory, the EAR in its deployment scanner's folder
    local base=$W/$1
    rm -rf "$base"; mkdir -p "$base"
    cp -a "$WILDFLY/standalone" "$base/"
    rm -rf "$base/standalone/data" "$base/standalone/log" "$base/standalone/tmp" "$base/standalone/deployments/"*
    cp ear/target/canbao.ear "$base/standalone/deployments/"
    CANBAO_DB_URL=jdbc:postgresql://127.0.0.1:5432/$2 CANBAO_DEMO_CAMPAIGN=false \
    JAVA_OPTS="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true" \
        setsid "$WILDFLY/bin/standalone.sh" -c standalone-ha.xml -Djboss.server.base.dir="$base/standalone" \
        -Djboss.node.name="$1" -Djboss.tx.node.id="$1" -Djboss.socket.binding.port-offset="${OFFSET[$1]}" \
        -Dcanbao.cluster.hosts="$HOSTS" -Dcanbao.cluster.recovery-seconds=3 -Dcanbao.scheduler.enabled=false \
        > "$base/console.log" 2>&1 < /dev/null &
    for _ in $(seq 1 300); do
        curl -fsS -m 2 -o /dev/null "$(api "$1")/health" 2>/dev/null && return 0
        sleep 1
    done
    tail -40 "$base/console.log"; echo "node $1 did not come up"; exit 1
}

members() { # node → "node=a members=a,b coordinator=true"
    local h
    h=$(curl -fsS -u operator:demo123 "$(api "$1")/health")
    echo "node=$(echo "$h" | json_field node) members=$(echo "$h" | sed -n 's/.*"members":\[\([^]]*\)\].*/\1/p' | tr -d '"') coordinator=$(echo "$h" | json_field coordinator)"
}

start_job() { # node → execution id
    curl -fsS -u operator:demo123 -H 'Content-Type: application/json' -X POST "$(api "$1")/batch/jobs/demo-population/executions" -d "$PARAMS" \
        | json_field executionId
}

wait_instance_completed() { # execution id → the id of the execution of its job instance that completed
    local done_id
    for _ in $(seq 1 900); do
        done_id=$(psql_db -c "select e.jobexecutionid from job_execution e join job_execution f on f.jobinstanceid = e.jobinstanceid
                              where f.jobexecutionid = $1 and e.batchstatus = 'COMPLETED'")
        [ -n "$done_id" ] && { echo "$done_id"; return 0; }
        sleep 1
    done
    psql_db -c "select e.jobexecutionid, e.batchstatus, e.exitstatus from job_execution e join job_execution f on f.jobinstanceid = e.jobinstanceid where f.jobexecutionid = $1"
    echo "the job instance of execution $1 did not complete"; exit 1
}

digest() { # database → what demo-population wrote for the village
    as_postgres psql -d "$1" -At -v ON_ERROR_STOP=1 <<SQL
select (select count(*) from canbao.person where household_region_code = '$VILLAGE')
    || ' persons, ' || (select count(*) from canbao.enrollment where region_code = '$VILLAGE')
    || ' enrollments, ' || (select count(*) from canbao.payment p join canbao.person x on x.id = p.person_id where x.household_region_code = '$VILLAGE')
    || ' payments, ' || (select coalesce(sum(p.amount), 0) from canbao.payment p join canbao.person x on x.id = p.person_id where x.household_region_code = '$VILLAGE')
    || ' yuan, digest ' || md5(
        coalesce((select string_agg(x.id_number || x.name || x.birth_date || x.resident_type, ',' order by x.id_number)
                  from canbao.person x where x.household_region_code = '$VILLAGE'), '')
        || coalesce((select string_agg(members, ';' order by members) from (select string_agg(id_number, ',' order by id_number) members
                  from canbao.person where household_region_code = '$VILLAGE' group by household_id) h), '')
        || coalesce((select string_agg(p.transaction_id || p.amount || p.subsidy_amount || p.channel || p.paid_at || p.benefit_start, ',' order by p.transaction_id)
                  from canbao.payment p join canbao.person x on x.id = p.person_id where x.household_region_code = '$VILLAGE'), '')
        || coalesce((select string_agg(x.id_number || e.status || e.tier || coalesce(e.amount_due::text, '-'), ',' order by x.id_number)
                  from canbao.enrollment e join canbao.person x on x.id = e.person_id where e.region_code = '$VILLAGE'), ''))
SQL
}

echo "-- reference: an uninterrupted demo-population of $COUNT persons into $VILLAGE on node a alone (database ${DB}_ref)"
fresh_db "${DB}_ref"
start_node a "${DB}_ref"
echo "   alone: $(members a)"
ref_id=$(start_job a)
DB=${DB}_ref wait_instance_completed "$ref_id" >/dev/null
reference=$(digest "${DB}_ref")
echo "   $reference"
stop_node a TERM

echo "-- two nodes over database $DB"
fresh_db "$DB"
start_node a "$DB"     # first: migrates the schema and loads the demo data
start_node b "$DB"
ma=$(members a); mb=$(members b)
echo "   $ma"; echo "   $mb"
case "$ma/$mb" in
    "node=a members=a,b coordinator=true/node=b members=a,b coordinator=false") ;;
    *) echo "the nodes do not see each other as one cluster with coordinator a"; exit 1 ;;
esac

cat > "$W/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    retries 3
    option redispatch
frontend canbao
    bind 127.0.0.1:$LB_PORT
    default_backend nodes
backend nodes
    balance roundrobin
    cookie JSESSIONID prefix nocache
    option httpchk GET /canbao/api/v1/health
    default-server check inter 1s fall 2 rise 2
    server a 127.0.0.1:$(http_port a) cookie a
    server b 127.0.0.1:$(http_port b) cookie b
CFG
haproxy -f "$W/haproxy.cfg" -db > "$W/haproxy.log" 2>&1 &
HAPROXY=$!
for _ in $(seq 1 30); do curl -fsS -m 2 -o /dev/null "$LB/api/v1/health" 2>/dev/null && break; sleep 1; done
seen=$(for _ in 1 2 3 4; do echo "$(curl -fsS -u operator:demo123 "$LB/api/v1/health" | json_field node)"; done | sort -u | tr '\n' ' ')
echo "   balancer on $LB_PORT: requests answered by nodes $seen"
[ "$seen" = "a b " ] || { echo "the balancer does not reach both nodes"; exit 1; }

echo "-- a policy PUT on node b, the next quote on node a"
POLICY=500118-2024
policy_json() { # tier-1 resident standard → a 永川 2024 policy from 万州's, its concentrated window ending the day before the business date
    sed -e "s/\"policyId\": *\"500101-2024\"/\"policyId\": \"$POLICY\"/" -e 's/"regionCode": *"500101"/"regionCode": "500118"/' \
        config/policies/500101-2024.json | python3 -c '
import json, sys
p = json.load(sys.stdin)
delta = float(sys.argv[1]) - p["tiers"][0]["residentStandard"]
p["tiers"][0]["residentStandard"] += delta
for row in p["catalogue"]:          # every tier-1 row of residents still sums to the standard: the personal part moves
    for a in row["amounts"]:
        if a["tier"] == 1 and not row["college"] and a.get("personal") is not None:
            a["personal"] += delta
w = p["windows"]
w[0]["to"] = sys.argv[2]; w[1]["from"] = sys.argv[3]
print(json.dumps(p, ensure_ascii=False))' "$1" 2023-11-19 2023-11-20
}
quote() { # node → tier-1 amount of an ordinary resident on the business date
    curl -fsS -u yc_admin:demo123 -H 'Content-Type: application/json' -X POST "$(api "$1")/policies/$POLICY/quotes" \
        -d '{"tier":1,"paymentDate":"2023-11-20","residentType":"RESIDENT","birthDate":"1980-05-01"}' | json_field personalAmount
}
put_policy() { # node amount
    policy_json "$2" > "$W/policy.json"
    curl -sS -o "$W/put.json" -w '%{http_code}' -u yc_admin:demo123 -H 'Content-Type: application/json' -X PUT "$(api "$1")/policies/$POLICY" --data-binary @"$W/policy.json"
    grep -q '"status": *4' "$W/put.json" && cat "$W/put.json" >&2 || true
}
echo "   PUT on b: $(put_policy b 380.00); quote on a: $(quote a)"
before=$(quote a)
echo "   PUT on b: $(put_policy b 395.00); quote on a: $(quote a)"
after=$(quote a)
[ "$before" = 380.00 ] && [ "$after" = 395.00 ] || { echo "node a quoted $before then $after, not 380.00 then 395.00"; exit 1; }
echo "   node a quoted 380.00, then 395.00 after the PUT on node b"

echo "-- the scheduler's check on both nodes at once: the due job starts once"
curl -fsS -u yc_admin:demo123 -X POST "$(api a)/batch/schedule/check" > "$W/check-a.json" & ca=$!
curl -fsS -u yc_admin:demo123 -X POST "$(api b)/batch/schedule/check" > "$W/check-b.json" & cb=$!
wait "$ca" "$cb"
started=$(cat "$W/check-a.json" "$W/check-b.json" | grep -o "\"policyId\":\"$POLICY\"[^}]*\"result\":\"STARTED\"" | wc -l || true)
executions=$(psql_db -c "select count(*) from job_execution e join job_instance i on i.jobinstanceid = e.jobinstanceid
                         where i.jobname = 'campaign-deadline-rollover'")
echo "   answers saying STARTED: $started; executions for $POLICY in the job repository: $executions"
[ "$started" = 1 ] && [ "$executions" = 1 ] || { cat "$W/check-a.json" "$W/check-b.json"; echo; echo "the due job was not started exactly once"; exit 1; }

echo "-- persons for the payment storm: demo-population of $STORM persons into $STORM_VILLAGE"
storm_params="{\"parameters\":{\"regionCode\":\"$STORM_VILLAGE\",\"count\":$((STORM * 3)),\"seed\":7,\"policyId\":\"500101-2024\",\"chunkSize\":100,\"threads\":1}}"
sid=$(curl -fsS -u operator:demo123 -H 'Content-Type: application/json' -X POST "$(api b)/batch/jobs/demo-population/executions" -d "$storm_params" | json_field executionId)
wait_instance_completed "$sid" >/dev/null
psql_db -F ' ' > "$W/unpaid" -c "select x.id_number, e.tier, e.amount_due from canbao.enrollment e join canbao.person x on x.id = e.person_id
      where e.region_code = '$STORM_VILLAGE' and e.status = 'REGISTERED' and e.amount_due is not null order by x.id_number limit $STORM"
n=$(wc -l < "$W/unpaid")
echo "   $n registered, unpaid persons"
[ "$n" -ge 100 ] || { echo "too few unpaid persons for the storm"; exit 1; }

echo "-- persons for the payments-per-second measurements: demo-population into 500101101013"
# persons for both measurements: a village of their own, registered by demo-population (about half of them unpaid)
rate_params="{\"parameters\":{\"regionCode\":\"500101101013\",\"count\":${CLUSTER_RATE_PERSONS:-30000},\"seed\":11,\"policyId\":\"500101-2024\",\"chunkSize\":500,\"threads\":1}}"
rid=$(curl -fsS -u operator:demo123 -H 'Content-Type: application/json' -X POST "$(api b)/batch/jobs/demo-population/executions" -d "$rate_params" | json_field executionId)
wait_instance_completed "$rid" >/dev/null
psql_db -F ' ' -c "select x.id_number, e.tier, e.amount_due from canbao.enrollment e join canbao.person x on x.id = e.person_id
      where e.region_code = '500101101013' and e.status = 'REGISTERED' and e.amount_due is not null order by md5(x.id_number)" \
    | awk '{ printf "{\"transactionId\":\"RATE-%s\",\"idNumber\":\"%s\",\"policyId\":\"500101-2024\",\"tier\":%s,\"amount\":%s,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}\n", $1, $1, $2, $3 }' > "$W/bodies"
# three shares: a warm-up through both nodes (the JIT of both JVMs compiles the payment path), two nodes, one node
third=$(( $(wc -l < "$W/bodies") / 3 ))
head -n "$third" "$W/bodies" > "$W/bodies-0"
sed -n "$((third + 1)),$((2 * third))p" "$W/bodies" > "$W/bodies-1"
tail -n +"$((2 * third + 1))" "$W/bodies" > "$W/bodies-2"
cat > "$W/pay.lua" <<'LUA'
-- POST /payments, each body (one line of the file) once per thread's share; 201s counted; past the end, replays
local threads, count = {}, 0
function setup(thread) thread:set("id", count); count = count + 1; table.insert(threads, thread) end
local bodies, i, step = {}, 0, 1
created, exhausted = 0, 0
function init(args)
  step = tonumber(args[2])
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  i = id + 1 - step
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  i = i + step
  local body = bodies[i]
  if body == nil then body = bodies[#bodies]; exhausted = 1 end
  return wrk.format("POST", nil, nil, body)
end
function response(status) if status == 201 then created = created + 1 end end
function done(summary)
  local total, out = 0, 0
  for _, t in ipairs(threads) do total = total + t:get("created"); out = out + t:get("exhausted") end
  local s = summary.duration / 1e6
  io.write(string.format("%d payments in %.1f s = %.1f payments/s, %d errors%s\n", total, s, total / s,
    summary.errors.status + summary.errors.connect + summary.errors.timeout, out > 0 and " (persons ran out: a lower bound)" or ""))
end
LUA
RATE_SECONDS=${RATE_SECONDS:-10}
AUTH="Authorization: Basic $(printf tax:demo123 | base64)"
rate() { # file of bodies, seconds → "N payments in S s = R payments/s, …" (POST /payments through the balancer)
    wrk -t2 -c16 -d"$2s" --timeout 10s -H "$AUTH" -s "$W/pay.lua" "$LB/api/v1/payments" -- "$1" 2 | tail -1
}
echo "-- payments per second through the balancer with nodes a and b (wrk, ${RATE_SECONDS} s; one node after the kill, same run)"
warm=$(rate "$W/bodies-0" "${WARM_SECONDS:-8}")
echo "   warm-up through both nodes: $warm"
two=$(rate "$W/bodies-1" "$RATE_SECONDS")
echo "   two nodes (a, b): $two"

echo "-- a signed-in session through the balancer"
JAR=$W/cookies
signed_in() { curl -sS -c "$JAR" -b "$JAR" -o "$W/page.html" -w '%{http_code} %{url_effective}' "$LB/counter/find.xhtml"; }
for _ in 1 2 3 4; do  # round robin: sign in until the session lives on node a, the one to be killed
    rm -f "$JAR"
    curl -fsS -o /dev/null -c "$JAR" -b "$JAR" "$LB/login.xhtml"
    curl -sS -o /dev/null -c "$JAR" -b "$JAR" -d 'j_username=clerk&j_password=demo123' "$LB/signin"
    session_node=$(awk '$6 == "JSESSIONID" { split($7, v, "~"); print v[1] }' "$JAR")
    [ "$session_node" = a ] && break
done
echo "   find page: $(signed_in)"
grep -q 'j_password' "$W/page.html" && { echo "the session is not signed in"; exit 1; }
echo "   the session lives on node $session_node (the balancer's cookie prefix)"
[ "$session_node" = a ] || { echo "no session could be placed on node a"; exit 1; }

echo "-- the job on node a, the storm on both, kill -9 of node a during both"
job=$(start_job a)
echo "   demo-population started on node a as execution $job"
# each person: its transaction id sent four times (twice through the balancer, once to each node) and a second id once
while read -r id tier amount; do
    for target in lb lb a b; do echo "$target STORM-$id $id $tier $amount"; done
    echo "lb STORM2-$id $id $tier $amount"
done < "$W/unpaid" > "$W/requests"
shuf --random-source=<(yes) "$W/requests" > "$W/requests.shuffled"
pay() { # target transactionId idNumber tier amount → retried with the same id until a node answers (not 5xx, not refused)
    local base code
    case "$1" in lb) base=$LB/api/v1 ;; a) base=$(api a) ;; b) base=$(api b) ;; esac
    for attempt in $(seq 1 60); do
        code=$(curl -sS -m 30 -o /dev/null -w '%{http_code}' -u tax:demo123 -H 'Content-Type: application/json' -X POST "$base/payments" \
            -d "{\"transactionId\":\"$2\",\"idNumber\":\"$3\",\"policyId\":\"500101-2024\",\"tier\":$4,\"amount\":$5,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}" 2>/dev/null || true)
        case "$code" in
            2??|4??) echo "$1 $2 $code $attempt"; return 0 ;;
        esac
        [ "$1" = a ] && [ "$attempt" -ge 3 ] && { echo "$1 $2 gone $attempt"; return 0; }  # node a is dead: its client gives up, the others retry
        sleep 1
    done
    echo "$1 $2 unanswered $attempt"
}
export -f pay api http_port; export LB
export OFFSET_a=${OFFSET[a]} OFFSET_b=${OFFSET[b]}
xargs -P 8 -L 1 bash -c 'declare -A OFFSET=([a]=$OFFSET_a [b]=$OFFSET_b); pay "$@"' _ < "$W/requests.shuffled" > "$W/answers" &
STORM_PID=$!
for _ in $(seq 1 600); do
    written=$(psql_db -c "select count(*) from canbao.person where household_region_code = '$VILLAGE'")
    paid=$(psql_db -c "select count(*) from canbao.payment where transaction_id like 'STORM%'")
    [ "$written" -ge 200 ] && [ "$paid" -ge $((n / 3)) ] && break
    sleep 0.5
done
echo "   $written of $COUNT persons written by the job, $paid storm payments recorded; kill -9 node a"
stop_node a KILL
wait "$STORM_PID"
echo "   answers: $(awk '{print $3}' "$W/answers" | sort | uniq -c | tr '\n' ' ')"
grep -q unanswered "$W/answers" && { grep unanswered "$W/answers" | head; echo "requests went unanswered"; exit 1; }

echo "-- after the kill: the session, the payments, the job"
echo "   $(members b)"
echo "   find page through the balancer: $(signed_in)"
grep -q 'j_password' "$W/page.html" && { echo "the session did not survive the failover"; exit 1; }
echo "   still signed in (the session was on node $session_node)"
read -r persons payments stormids <<< "$(psql_db -F ' ' -c "select count(distinct p.person_id), count(*), count(distinct p.transaction_id) from canbao.payment p
                                                       where p.transaction_id like 'STORM%' and p.kind = 'PAYMENT'")"
echo "   $n persons paid: $persons persons with a storm payment, $payments payments, $stormids transaction ids"
[ "$persons" = "$n" ] && [ "$payments" = "$n" ] && [ "$stormids" = "$n" ] || { echo "payments lost or doubled"; exit 1; }
done_id=$(wait_instance_completed "$job")
recovered=$(grep -ah "restarted here as execution" "$W"/b/standalone/log/server.log | tail -1 | sed 's/.*ClusterRecovery\] ([^)]*) //' || true)
echo "   node b: $recovered"
interrupted=$(digest "$DB")
echo "   $interrupted"
[ "$reference" = "$interrupted" ] || { echo "DIFFERENT: the job restarted on node b did not give the uninterrupted result"; exit 1; }
echo "   the job of node a, restarted on node b as execution $done_id: the same digest as the uninterrupted run"

echo "-- payments per second through the balancer with node b alone"
one=$(rate "$W/bodies-2" "$RATE_SECONDS")
echo "   one node (b):   $one"
echo "   two nodes (a, b): $two"
r1=$(echo "$one" | sed -n 's/.*= \([0-9.]*\) payments\/s.*/\1/p'); r2=$(echo "$two" | sed -n 's/.*= \([0-9.]*\) payments\/s.*/\1/p')
echo "   two nodes / one node = $(awk -v a="$r2" -v b="$r1" 'BEGIN { printf "%.2f", a / b }') on $(nproc) cores (load $(cut -d' ' -f1-3 /proc/loadavg); both nodes, PostgreSQL, HAProxy and wrk share them)"
duplicates=$(psql_db -c "select count(*) from (select enrollment_id from canbao.payment where kind = 'PAYMENT' group by enrollment_id having count(*) > 1) d" 2>/dev/null || echo "?")
echo "   enrollments paid twice in the whole database: $duplicates"
[ "$duplicates" = 0 ] || { echo "an enrollment was paid twice"; exit 1; }
echo "cluster check passed"
