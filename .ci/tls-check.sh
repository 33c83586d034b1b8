#!/usr/bin/env bash
# TLS as docs/operations.md ("TLS") describes it, checked on a copy of the provisioned server: a certificate signed by
# an own CA is put into a PKCS#12 keystore, config/cli/tls/enable-tls.cli is run, and the server must then answer HTTPS
# with that certificate (TLS 1.3 and 1.2, not 1.1), send HSTS and a Secure session cookie, and redirect plain HTTP.
# Needs a built checkout (ear/target/wildfly and ear/target/canbao.ear). Runs on its own ports (HTTP 8380, HTTPS 8743,
# management 10290), on the embedded H2 default, and leaves nothing behind but /tmp/canbao-tls.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
W=/tmp/canbao-tls
rm -rf "$W"; mkdir -p "$W"; cd "$W"
FAILED=0
check() { # name, expected, actual
    if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: expected $2, got $3"; FAILED=1; fi
}

openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Canbao Test CA" -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout srv.key -out srv.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > ext.cnf
openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile ext.cnf -out srv.crt 2>/dev/null
openssl pkcs12 -export -inkey srv.key -in srv.crt -certfile ca.crt -name canbao -passout pass:tlspass -out tls.p12

cp -a "$ROOT/ear/target/wildfly" "$W/wildfly"
rm -rf "$W/wildfly/standalone/data/canbao" "$W/wildfly/standalone/log/"*
export CANBAO_TLS_KEYSTORE=$W/tls.p12 CANBAO_TLS_PASSWORD=tlspass
export CANBAO_DEMO_CAMPAIGN=false   # nothing generated in the background during the TLS checks
"$W/wildfly/bin/jboss-cli.sh" --file="$ROOT/config/cli/tls/enable-tls.cli" > cli.log 2>&1 || { cat cli.log; exit 1; }
cp "$ROOT/ear/target/canbao.ear" "$W/wildfly/standalone/deployments/"
"$W/wildfly/bin/standalone.sh" -Djboss.http.port=8380 -Djboss.https.port=8743 -Djboss.management.http.port=10290 \
    -Djboss.management.https.port=10293 -Djboss.ajp.port=8309 > server.log 2>&1 &
trap '"$W/wildfly/bin/jboss-cli.sh" --connect --controller=localhost:10290 command=:shutdown >/dev/null 2>&1 || pkill -f "$W/wildfly"' EXIT
for _ in $(seq 1 150); do
    [ "$(curl -s --cacert ca.crt -o /dev/null -w '%{http_code}' https://localhost:8743/canbao/signin.xhtml)" = 200 ] && break
    sleep 2
done

HEADERS=$(curl -s --cacert ca.crt -D - -o /dev/null https://localhost:8743/canbao/signin.xhtml | tr -d '\r')
check "HTTPS answers, certificate verified against the CA" "HTTP/2 200" "$(echo "$HEADERS" | sed -n 1p | sed 's/ *$//')"
check "HSTS" "strict-transport-security: max-age=31536000; includeSubDomains" "$(echo "$HEADERS" | grep -i '^strict-transport-security')"
check "session cookie Secure, HttpOnly, SameSite=Strict" "yes" \
    "$(echo "$HEADERS" | grep -i '^set-cookie: JSESSIONID' | grep -i 'secure;' | grep -i httponly | grep -qi 'samesite=strict' && echo yes || echo no)"
REDIRECT=$(curl -s -D - -o /dev/null 'http://localhost:8380/canbao/signin.xhtml?x=1' | tr -d '\r')
check "plain HTTP redirected" "302 https://localhost:8743/canbao/signin.xhtml?x=1" \
    "$(echo "$REDIRECT" | sed -n 1p | awk '{print $2}') $(echo "$REDIRECT" | grep -i '^location:' | awk '{print $2}')"
check "API over plain HTTP redirected too" "302" "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:8380/canbao/api/v1/health)"
check "TLS 1.1 refused" "000" "$(curl -s --cacert ca.crt --tlsv1.1 --tls-max 1.1 -o /dev/null -w '%{http_code}' https://localhost:8743/canbao/signin.xhtml)"
check "TLS 1.2 accepted" "200" "$(curl -s --cacert ca.crt --tlsv1.2 --tls-max 1.2 -o /dev/null -w '%{http_code}' https://localhost:8743/canbao/signin.xhtml)"
check "TLS 1.3 accepted" "200" "$(curl -s --cacert ca.crt --tlsv1.3 -o /dev/null -w '%{http_code}' https://localhost:8743/canbao/signin.xhtml)"
check "no HSTS over plain HTTP before the redirect" "" "$(echo "$REDIRECT" | grep -i '^strict-transport-security')"
exit $FAILED
