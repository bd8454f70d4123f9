#!/bin/sh
# Starts the packaged service (this directory, Quarkus's fast-jar layout) with the JVM settings it is
# measured with (src/bench/ReadPathBench.java): a small serial heap that gives memory back (about 210 MB
# resident after start, under 450 MB under load), the JIT's quick tier only, and an application
# class-data archive read through the JDK's own class loader.
#
# The quick tier (-XX:TieredStopAtLevel=1, design decision 35): C2, the JIT's optimising tier, spent
# about 3 of a start's 8 CPU-seconds compiling code that runs only while starting, on two cores beside
# the main thread. It costs throughput on the cached reads (about a third of it; every throughput goal
# of the benchmark still holds) and nothing on the single-client paths and the first exports of a
# young JVM. Deployments that serve heavy traffic from long-running replicas add
# -XX:TieredStopAtLevel=4 to JAVA_OPTS.
# The first heap of 64 MB instead of 16 MB saves about 35 young collections while starting.
#
# The archive (AppCDS, design decision 36): the first start writes app-cds.jsa beside the jar when
# the service stops; every later start maps the classes from it instead of reading, parsing and
# verifying them. A rebuild that changes any jar, a move of this directory or another JDK makes the
# next start write a new one.
# The JDK 17 archive takes only classes that are linked when it is written, and links only those of
# its own class loaders: behind quarkus-run.jar's class loader, a quarter of a start's classes
# (most of Hibernate ORM's) stayed out of it and were still inflated from the jars at every start.
# So the script puts the same jars on the JDK's class path itself, in the order that gives every
# class the fast-jar class loader would give (.ci/check-flat-class-path.sh checks that no class is
# in two of them unless the build's rewritten copy comes first), and starts Quarkus's generated main
# class as quarkus-run.jar does, with its system property and its manifest's --add-opens. The
# service is then ready about a second sooner. Without an archive this class path is slower than
# quarkus-run.jar's (the JDK's loader searches the jars one by one): the image, which has no
# archive, starts with java -jar quarkus-run.jar.
#
# JAVA_OPTS is added after these settings (a later option wins); JAVA selects the java binary.
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
archive="$dir/app-cds.jsa"
case "$dir" in
    *[[:space:]]*)
        # JDK 17 serves no class of the class path from the archive when that path holds a space
        # (measured: 5.8 to 7.2 s to ready); quarkus-run.jar's class loader, whose classes the archive
        # matches by their bytes, is then the faster way.
        launch=jar
        classpath="$dir/quarkus-run.jar" ;;
    *)
        launch=flat
        classpath=$(export LC_ALL=C; cd "$dir" && for jar in quarkus/generated-bytecode.jar \
            quarkus/transformed-bytecode.jar app/*.jar lib/main/*.jar lib/boot/*.jar; do
            printf '%s\n' "$dir/$jar"; done | paste -s -d : -) ;;
esac
if [ "${FACHPLAN_PRINT_CLASS_PATH:-}" = true ]; then
    # For .ci/check-flat-class-path.sh: the class path, one jar a line, and nothing started.
    printf '%s\n' "$classpath" | tr : '\n'
    exit 0
fi
# What the archive was written for: the JVM ignores an archive of another JDK build or class path,
# so a change of either (a JDK update, too) must write a new one.
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v "${JAVA:-java}")" 2>/dev/null)")")
written_for="$(grep -s '^JAVA_RUNTIME_VERSION=' "$java_home/release") $classpath"
if [ -f "$archive" ] && [ "$(cat "$archive.written-for" 2>/dev/null)" = "$written_for" ] \
    && [ -z "$(find "$dir" -name '*.jar' -newer "$archive" | head -n 1)" ]; then
    cds="-XX:SharedArchiveFile=$archive"
else
    # In a directory this user may not write, every start runs without an archive, silently.
    rm -f "$archive" 2>/dev/null
    printf '%s\n' "$written_for" 2>/dev/null > "$archive.written-for"
    cds="-XX:ArchiveClassesAtExit=$archive"
fi
if [ "$launch" = jar ]; then
    set -- -jar "$classpath" "$@"
else
    set -- -cp "$classpath" io.quarkus.runner.GeneratedMain "$@"
fi
exec "${JAVA:-java}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xms64m -Xmx160m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 \
    -Xss512k -XX:ReservedCodeCacheSize=48m -XX:+ExitOnOutOfMemoryError \
    "$cds" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager --add-opens java.base/java.lang=ALL-UNNAMED \
    $JAVA_OPTS "$@"
