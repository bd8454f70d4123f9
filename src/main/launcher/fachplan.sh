#!/bin/sh
# Starts the packaged service (this directory's quarkus-run.jar) with the JVM settings it is measured
# with (src/bench/ReadPathBench.java): a small serial heap that gives memory back (about 220 MB
# resident after start, under 450 MB under load), the JIT's quick tier only, and an application
# class-data archive.
#
# The quick tier (-XX:TieredStopAtLevel=1, design decision 35): C2, the JIT's optimising tier, spent
# about 3 of a start's 8 CPU-seconds compiling code that runs only while starting, on two cores beside
# the main thread; without it the service is ready in 3 to 4 s instead of 4 to 5. It costs
# throughput on the cached reads (about a third of it; every throughput goal of the benchmark still holds) and
# nothing on the single-client paths and the first exports of a young JVM. Deployments that serve
# heavy traffic from long-running replicas add -XX:TieredStopAtLevel=4 to JAVA_OPTS.
# The first heap of 64 MB instead of 16 MB saves about 35 young collections while starting.
#
# The archive (AppCDS): the first start writes app-cds.jsa beside the jar when the service stops;
# every later start maps the classes from it instead of loading and verifying them (about a quarter
# less CPU time for a start). A rebuild that changes any jar makes the next start write a new one.
# The JVM checks the archive itself and ignores one from another JDK.
#
# JAVA_OPTS is added after these settings (a later option wins); JAVA selects the java binary.
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
archive="$dir/app-cds.jsa"
if [ -f "$archive" ] && [ -z "$(find "$dir" -name '*.jar' -newer "$archive" | head -n 1)" ]; then
    cds="-XX:SharedArchiveFile=$archive"
else
    rm -f "$archive"
    cds="-XX:ArchiveClassesAtExit=$archive"
fi
exec "${JAVA:-java}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms64m -Xmx160m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 \
    -Xss512k -XX:ReservedCodeCacheSize=48m -XX:+ExitOnOutOfMemoryError \
    $cds -Xlog:cds=off -Xlog:cds+dynamic=off \
    $JAVA_OPTS -jar "$dir/quarkus-run.jar" "$@"
