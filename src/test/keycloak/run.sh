#!/usr/bin/env bash
# The service against a real OpenID Connect provider: downloads Keycloak's distribution from Maven
# Central (org.keycloak:keycloak-quarkus-dist), starts it in dev mode on 127.0.0.1:18080 with the
# realm of deploy/keycloak/realm-fachplan.json, and runs KeycloakIT (JWKS by URL, a key rotation,
# roles through groups, the organisation attribute, the audience) against it. 13 minutes measured on
# a shared 2-core machine under heavy load (Keycloak's first start alone took about 4 of them).
# Keycloak 26 needs Java 21 or newer: the first such JDK under /usr/lib/jvm is used (this
# machine kind has Temurin's beside the default JDK 17); the service and its test stay on JDK 17.
set -euo pipefail
cd "$(dirname "$0")/../../.."

KEYCLOAK_VERSION=26.5.6
PORT=18080
export FACHPLAN_KEYCLOAK_URL="http://127.0.0.1:$PORT"
export FACHPLAN_KEYCLOAK_ADMIN_PASSWORD="admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

KC_JAVA_HOME=""
for java in /usr/lib/jvm/*/bin/java; do
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then KC_JAVA_HOME=$(dirname "$(dirname "$java")"); break; fi
done
if [ -z "$KC_JAVA_HOME" ]; then
  echo "Keycloak $KEYCLOAK_VERSION needs a JDK 21 or newer under /usr/lib/jvm; none found" >&2
  exit 1
fi

for tool in unzip curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$tool"; }
done

WORK=$(mktemp -d /tmp/fachplan-keycloak.XXXXXX)
KC_PID=""
cleanup() {
  if [ -n "$KC_PID" ]; then kill "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; fi
  if [ "${KEEP_WORK:-}" != "true" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
  -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$WORK"
(cd "$WORK" && unzip -q "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
KC="$WORK/keycloak-$KEYCLOAK_VERSION"
mkdir -p "$KC/data/import"
cp deploy/keycloak/realm-fachplan.json "$KC/data/import/"

JAVA_HOME="$KC_JAVA_HOME" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
  KC_BOOTSTRAP_ADMIN_PASSWORD="$FACHPLAN_KEYCLOAK_ADMIN_PASSWORD" \
  "$KC/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$PORT --import-realm > "$WORK/keycloak.log" 2>&1 &
KC_PID=$!
for _ in $(seq 1 120); do
  if curl -sf "$FACHPLAN_KEYCLOAK_URL/realms/fachplan/.well-known/openid-configuration" >/dev/null; then break; fi
  if ! kill -0 "$KC_PID" 2>/dev/null; then cat "$WORK/keycloak.log" >&2; exit 1; fi
  sleep 2
done
curl -sf "$FACHPLAN_KEYCLOAK_URL/realms/fachplan/.well-known/openid-configuration" >/dev/null \
  || { tail -50 "$WORK/keycloak.log" >&2; echo "Keycloak did not start within 4 minutes" >&2; exit 1; }
echo "Keycloak $KEYCLOAK_VERSION is up on $FACHPLAN_KEYCLOAK_URL"

./mvnw -B test -Dtest=KeycloakIT -Dsurefire.failIfNoSpecifiedTests=false
