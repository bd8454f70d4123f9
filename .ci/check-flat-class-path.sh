#!/usr/bin/env bash
# The start script (src/main/launcher/fachplan.sh, design decision 36) runs the fast-jar's jars on
# the JDK's class path instead of through quarkus-run.jar's class loader. That is the same
# application only while no class is in two of those jars, except a class the build rewrote
# (quarkus/transformed-bytecode.jar) or generated, whose copy the script puts first; and while the
# script passes what quarkus-run.jar's manifest asks of the JVM. This checks both on the packaged
# application, and fails on a dependency update that breaks either.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=target/quarkus-app
[ -f "$APP/quarkus-run.jar" ] || { echo "missing $APP: package the service first" >&2; exit 1; }

# The script's class path, in its order, from the script itself.
CLASSPATH_ORDER=$(FACHPLAN_PRINT_CLASS_PATH=true sh "$APP/fachplan.sh" | sed "s|^$PWD/$APP/||")
[ "$(printf '%s\n' "$CLASSPATH_ORDER" | head -n 2 | tr '\n' ' ')" = "quarkus/generated-bytecode.jar quarkus/transformed-bytecode.jar " ] \
  || { echo "fachplan.sh no longer puts the build's generated and rewritten classes first" >&2; exit 1; }

CLASSES=$(mktemp /tmp/fachplan-classes.XXXXXX)
trap 'rm -f "$CLASSES"' EXIT
while IFS= read -r jar; do
  # A jar without classes (grpc-context, for one) is not an error: awk instead of grep.
  unzip -Z1 "$APP/$jar" | awk -v jar="$jar" '/\.class$/ && !/module-info\.class$/ { print $0, jar }'
done <<< "$CLASSPATH_ORDER" > "$CLASSES"

# A class in several jars: fine only when its first copy is the build's own.
SHADOWED=$(awk '
  { n[$1]++; if (!($1 in first)) first[$1] = $2 }
  END { for (c in n) if (n[c] > 1) print c, first[c] }' "$CLASSES")
BAD=$(printf '%s\n' "$SHADOWED" | grep -v -E ' quarkus/(transformed|generated)-bytecode\.jar$' | grep -v '^$' || true)
if [ -n "$BAD" ]; then
  echo "classes in more than one jar of the class path, none of them the build's rewritten copy:" >&2
  printf '%s\n' "$BAD" | head -20 >&2
  exit 1
fi

# What quarkus-run.jar asks of the JVM, and the main class it starts.
OPENS=$(unzip -p "$APP/quarkus-run.jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Add-Opens: //p')
for module_package in $OPENS; do
  grep -q -- "--add-opens $module_package=ALL-UNNAMED" "$APP/fachplan.sh" \
    || { echo "quarkus-run.jar opens $module_package; fachplan.sh does not" >&2; exit 1; }
done
unzip -Z1 "$APP/quarkus/generated-bytecode.jar" | grep -x 'io/quarkus/runner/GeneratedMain.class' >/dev/null \
  || { echo "Quarkus no longer generates io.quarkus.runner.GeneratedMain, which fachplan.sh starts" >&2; exit 1; }
echo "flat class path: $(wc -l < "$CLASSES") classes in $(printf '%s\n' "$CLASSPATH_ORDER" | wc -l) jars," \
  "$(printf '%s\n' "$SHADOWED" | grep -c . || true) in two, each time the build's copy first"
