#!/usr/bin/env bash
# Runs README's run command (the embedded H2 default with demo data) as a newcomer would, checks that health answers
# UP and the login page is served within 60 s of the server starting, that the town officer's home page shows the
# living demo campaign in progress within two minutes and that it completes (contacts, a refund in review), changes a
# policy, stops the server, starts it again and checks that the data survived and nothing was generated twice. Loopback only; bounded waits; stops the server it started.
# CI only: it deletes ear/target/wildfly (and with it the embedded database) to provision the default afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=http://localhost:8080/canbao
LOG=$(mktemp)
RUN_PID=

stop_server() {
    [ -n "$RUN_PID" ] && kill "$RUN_PID" 2>/dev/null || true
    for pid in $(ss -ltnpH '( sport = :8080 or sport = :9990 )' 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do
        kill "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 30); do ss -ltnH '( sport = :8080 )' | grep . >/dev/null || break; sleep 1; done
    RUN_PID=
}
trap stop_server EXIT

start_server() {
    : > "$LOG"
    # README command (a); the server dir is provisioned for H2 when missing
    mvn -B -q -DskipTests package wildfly:run > "$LOG" 2>&1 &
    RUN_PID=$!
    started=
    for _ in $(seq 1 300); do
        if grep -aq "WFLYSRV0025\|WFLYSRV0026" "$LOG"; then started=$(date +%s); break; fi
        kill -0 "$RUN_PID" 2>/dev/null || { cat "$LOG"; echo "the run command died"; exit 1; }
        sleep 1
    done
    [ -n "$started" ] || { tail -50 "$LOG"; echo "server did not start"; exit 1; }
    for _ in $(seq 1 60); do
        if curl -fsS "$BASE/api/v1/health" 2>/dev/null | grep '"status":"UP"' >/dev/null \
            && curl -fsS "$BASE/" 2>/dev/null | grep j_username >/dev/null; then
            echo "health UP and login page served $(( $(date +%s) - started )) s after the server started"
            return 0
        fi
        sleep 1
    done
    tail -80 "$LOG"; echo "health/login not answering within 60 s of the server starting"; exit 1
}

# the CI run above provisioned the server for PostgreSQL: provision it anew for the default
rm -rf ear/target/wildfly

start_server
grep -a "Demo data loaded" "$LOG"
curl -fsS "$BASE/api/v1/health"; echo
regions=$(curl -fsS -u town_officer:demo123 "$BASE/api/v1/regions?parentCode=500101101" | grep -o '"code"' | wc -l)
[ "$regions" = 17 ] || { echo "expected 17 villages, got $regions"; exit 1; }

# the living demo campaign: generated in the background at the first start, on the home page within two minutes
signed_in_home() {   # user → the home page's text as that user sees it
    local jar; jar=$(mktemp)
    curl -fsS -c "$jar" -b "$jar" "$BASE/login.xhtml" > /dev/null
    curl -sS -c "$jar" -b "$jar" -o /dev/null -d "j_username=$1&j_password=demo123" "$BASE/signin"
    curl -fsS -b "$jar" "$BASE/" | sed -e 's/<[^>]*>/ /g' | tr -s ' \n' ' '
    rm -f "$jar"
}
enrolled=0
for _ in $(seq 1 120); do
    enrolled=$(signed_in_home town_officer | grep -o '已参保 [0-9,]* 人' | head -1 | tr -dc '0-9')
    [ "${enrolled:-0}" -gt 0 ] && break
    [ $(( $(date +%s) - started )) -ge 120 ] && break
    sleep 2
done
[ "${enrolled:-0}" -gt 0 ] || { tail -40 "$LOG"; echo "no campaign on the home page within two minutes"; exit 1; }
echo "home page shows $enrolled enrolled $(( $(date +%s) - started )) s after the server started"
for _ in $(seq 1 240); do grep -aq "demo campaign: 500101101001 livened" "$LOG" && break; sleep 1; done
grep -a "demo campaign" "$LOG"
grep -aq "demo campaign: 500101101001 livened" "$LOG" || { echo "the demo campaign did not complete"; exit 1; }
signed_in_home district_admin | grep -o '待审核的退费申请 [0-9]*' | grep -q '[1-9]' \
    || { echo "no refund in review on the district's home page"; exit 1; }
total=$(curl -fsS -u town_officer:demo123 "$BASE/api/v1/progress?policyId=500101-2024&regionCode=500101101" | grep -o '"enrolled":[0-9]*' | awk -F: '{s += $2} END {print s + 0}')
echo "demo campaign complete: $total of 40,480 enrolled in 白羊镇, a refund in review"

# change a policy so the restart has something to keep: 丰都's administrator renames 500230-2024
renamed=$(curl -fsS -u district_admin:demo123 "$BASE/api/v1/policies/500230-2024" | sed '0,/"name" *: *"[^"]*"/s//"name": "栗子乡2024（重启检查）"/')
status=$(curl -sS -o /tmp/canbao-smoke-put.json -w '%{http_code}' -X PUT -u fd_admin:demo123 \
    -H 'Content-Type: application/json' --data-binary "$renamed" "$BASE/api/v1/policies/500230-2024")
[ "$status" = 200 ] || { echo "policy change refused ($status):"; cat /tmp/canbao-smoke-put.json; exit 1; }

stop_server
echo "server stopped; starting again"
start_server
grep -aq "Demo data already present" "$LOG" || { echo "demo data loaded twice"; exit 1; }
sleep 15   # the demo campaign's first look, 10 s after the start
if grep -aq "demo campaign: generating" "$LOG"; then echo "the demo campaign was generated twice"; exit 1; fi
again=$(curl -fsS -u town_officer:demo123 "$BASE/api/v1/progress?policyId=500101-2024&regionCode=500101101" | grep -o '"enrolled":[0-9]*' | awk -F: '{s += $2} END {print s + 0}')
[ "$again" = "$total" ] || { echo "enrolled changed across the restart: $total → $again"; exit 1; }
after=$(curl -fsS -u district_admin:demo123 "$BASE/api/v1/policies/500230-2024")
case "$after" in
    *重启检查*) ;;
    *) echo "the policy change was lost across the restart"; exit 1 ;;
esac
echo "data kept across the restart"
stop_server
echo "smoke run: OK"
