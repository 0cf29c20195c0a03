#!/usr/bin/env bash
# The one way to run a benchmark (bench/README.md): builds what the benchmarks run (tests skipped), then
# runs bench/target/bench.jar with a JDK >= 21 (found like ./mvnw finds it).
#
#   scripts/bench.sh [--no-build] SUBCOMMAND [options]     e.g. scripts/bench.sh pipeline --documents 100000
#   scripts/bench.sh --help                                 the subcommands; SUBCOMMAND --help: its options
#
# The benchmark JVM's options: BENCH_JVM_OPTS if set, else a heap that fits the subcommand.
# --no-build runs the jars already built.
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
jvm_opts=()
if [ "${major:-21}" -ge 22 ]; then
  # RocksDB (Kafka Streams) loads a native library; JDK 22+ warns about it unless allowed.
  jvm_opts+=(--enable-native-access=ALL-UNNAMED)
fi
if [ "${major:-21}" -ge 23 ]; then
  # Kafka and Maven still call sun.misc.Unsafe; JDK 23+ warns on every start otherwise.
  jvm_opts+=(--sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
if [ -n "${BENCH_JVM_OPTS:-}" ]; then
  read -r -a given <<<"$BENCH_JVM_OPTS"
  jvm_opts+=("${given[@]}")
else
  # The broker runs in the benchmark's JVM; the workers benchmark holds a few documents only.
  case "${args[0]:-}" in
    workers) jvm_opts+=(-Xmx512m) ;;
    replay) jvm_opts+=(-Xmx6g) ;;
    http) jvm_opts+=(-Xmx2g) ;;
    *) jvm_opts+=(-Xmx3g) ;;
  esac
fi

if [ "$build" = 1 ]; then
  # api-service: the http and confirm benchmarks start its executable jar.
  ./mvnw -q -B -ntp -DskipTests package -pl api-service,bench -am
fi

jar=bench/target/bench.jar
if [ ! -f "$jar" ]; then
  echo "!! $jar is missing: run without --no-build" >&2
  exit 1
fi
# ${a[@]+"${a[@]}"}: empty arrays under set -u in bash 3.2 (macOS) too.
exec "$JAVA_HOME/bin/java" ${jvm_opts[@]+"${jvm_opts[@]}"} -jar "$jar" ${args[@]+"${args[@]}"}
