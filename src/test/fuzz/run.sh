#!/usr/bin/env bash
# Contract fuzzing (issue 14): starts the packaged service on its embedded PostgreSQL with a fresh
# data directory and a random bootstrap admin key, runs ContractFuzz.java (10,000 requests per
# role unless REQUESTS says otherwise) and fails when an answer is a 5xx, undeclared, an error
# without problem+json or shows internals. Then checks that the service logged no ERROR.
# The service starts as the README starts it (target/quarkus-app/fachplan.sh), so from the
# class-data archive when an earlier start after the build has written it.
# Needs: a JDK 17 and the packaged application (target/quarkus-app; packaged here if missing).
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d /tmp/fachplan-fuzz.XXXXXX)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18480)
ADMIN_KEY="fpk_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 43)"
QUARKUS_HTTP_PORT=$PORT FACHPLAN_BOOTSTRAP_ADMIN_KEY=$ADMIN_KEY FACHPLAN_EMBEDDED_DB_DATA_DIR="$WORK/db" \
  JAVA_OPTS=-Xmx256m sh target/quarkus-app/fachplan.sh > "$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 180); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null; then
    break
  fi
  sleep 1
done

LIB=target/quarkus-app/lib/main
CP=$(ls "$LIB"/com.fasterxml.jackson.core.jackson-*.jar "$LIB"/com.fasterxml.jackson.dataformat.jackson-dataformat-yaml-*.jar \
  "$LIB"/org.yaml.snakeyaml-*.jar | tr '\n' ':')
BASE_URL="http://127.0.0.1:$PORT" ADMIN_KEY="$ADMIN_KEY" CONTRACT=openapi/openapi.yaml \
  REQUESTS="${REQUESTS:-10000}" java -cp "$CP" src/test/fuzz/ContractFuzz.java

if grep -q '"level":"ERROR"' "$WORK/service.log"; then
  echo "the service logged ERROR while fuzzed:" >&2
  grep '"level":"ERROR"' "$WORK/service.log" | head -5 >&2
  exit 1
fi
