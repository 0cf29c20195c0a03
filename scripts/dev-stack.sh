#!/usr/bin/env bash
# The README's run command: builds what the dev stack runs (tests skipped) and starts it.
#
#   scripts/dev-stack.sh [--no-build] [--reset] [--infra-only | --pipeline-only | --no-workers]
#                        [--data-dir DIR] [--kafka-port P] [--pg-port P] [--api-port P] [--help]
#
# Needs only a JDK >= 21 (found like ./mvnw finds it). Ctrl-C stops everything; data stays in
# ./.docpipe-data unless --data-dir says otherwise. --no-build starts the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

# shellcheck source=../.mvn/select-jdk.sh
. ./.mvn/select-jdk.sh # sets JAVA_HOME to a JDK >= 21 (and turns globbing off, as mvnw wants)
set +f
major=$(docpipe_jdk_major "$JAVA_HOME")
# The dev stack's own JVM runs the broker and the pipeline (api-service and workers are child JVMs with
# their own flags, DevStackMemory): a heap bounded by their working set, the serial collector (no
# concurrent GC threads or remembered sets for a heap this small); docs/configuration.md, "Memory".
jvm_opts=(-XX:+UseSerialGC -Xms32m -Xmx320m)
if [ "${major:-21}" -ge 22 ]; then
  # RocksDB (Kafka Streams) loads a native library; JDK 22+ warns about it unless allowed.
  jvm_opts+=(--enable-native-access=ALL-UNNAMED)
fi
if [ "${major:-21}" -ge 23 ]; then
  # Kafka and Maven still call sun.misc.Unsafe; JDK 23+ warns on every start otherwise.
  jvm_opts+=(--sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

if [ "$build" = 1 ]; then
  # The dev stack runs api-service and workers from their own jars; build whichever this checkout has.
  modules=dev-stack
  for module in api-service workers; do
    if grep -q "<module>$module</module>" pom.xml; then
      modules="$modules,$module"
    else
      echo "!! $module is not a module of this checkout; only --infra-only and --pipeline-only can run" >&2
    fi
  done
  echo "== building $modules (./mvnw -q package -DskipTests -pl $modules -am; about a minute)"
  ./mvnw -q -B -DskipTests package -pl "$modules" -am
fi

jar=dev-stack/target/dev-stack.jar
if [ ! -f "$jar" ]; then
  echo "!! $jar is missing: run without --no-build" >&2
  exit 1
fi
# ${a[@]+"${a[@]}"}: empty arrays under set -u in bash 3.2 (macOS) too.
exec "$JAVA_HOME/bin/java" ${jvm_opts[@]+"${jvm_opts[@]}"} -jar "$jar" ${args[@]+"${args[@]}"}
