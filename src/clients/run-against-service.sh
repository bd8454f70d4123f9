#!/usr/bin/env bash
# Builds the generated clients and runs them against the packaged service:
#   - TypeScript: openapi-typescript types, `tsc --strict` (0 errors), the smoke tour (node --test);
#   - Java: openapi-generator `java`/`native` client, compiled, and its PATCH test (JUnit).
# Both generators run with their default options. The service starts as the README starts it
# (target/quarkus-app/fachplan.sh; the first start after a build writes the class-data archive when
# it stops, and the fuzzing run after this one starts from it) on its embedded PostgreSQL in a
# throwaway directory, with a known admin key, on a free port.
# Needs: a JDK 17, Node.js 20 with npm, the packaged application (./mvnw package or verify).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "missing target/quarkus-app: package the service first (./mvnw -B verify or package)" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/fachplan-clients.XXXXXX)
SERVICE_PID=
cleanup() {
  if [ -n "$SERVICE_PID" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

ADMIN_KEY="fpk_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')ClientTours"
FACHPLAN_EMBEDDED_DB_DATA_DIR="$WORK/db" FACHPLAN_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" QUARKUS_HTTP_PORT=0 \
  JAVA_OPTS=-Xmx256m sh target/quarkus-app/fachplan.sh > "$WORK/service.log" 2>&1 &
SERVICE_PID=$!

PORT=
for _ in $(seq 1 240); do
  PORT=$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORK/service.log" | head -1)
  if [ -n "$PORT" ] && curl -sf "http://localhost:$PORT/q/health/ready" > /dev/null; then
    break
  fi
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    cat "$WORK/service.log"; echo "the service did not start" >&2; exit 1
  fi
  PORT=
  sleep 1
done
if [ -z "$PORT" ]; then
  tail -50 "$WORK/service.log"; echo "the service was not ready after 240 s" >&2; exit 1
fi
BASE_URL="http://localhost:$PORT/api/v1"
echo "service ready at $BASE_URL"

echo "-- TypeScript client: openapi-typescript 7.13, openapi-fetch 0.17, tsc --strict"
(cd src/clients/typescript \
  && npm ci --no-audit --no-fund --silent \
  && npm run --silent generate \
  && npm run --silent build \
  && FACHPLAN_BASE_URL="$BASE_URL" FACHPLAN_ADMIN_KEY="$ADMIN_KEY" npm run --silent smoke)

echo "-- Java client: openapi-generator 7.25 java/native"
./mvnw -B -f src/clients/java/pom.xml verify -Dfachplan.baseUrl="$BASE_URL" -Dfachplan.adminKey="$ADMIN_KEY"
