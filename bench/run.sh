#!/usr/bin/env bash
# The benchmark suite (make bench): builds the image if needed, then measures the sidecar run from the image's root
# file system against an in-process KRaft broker, inside real cgroups, and rewrites BENCHMARKS.md.
# Needs root (cgroups, chroot, mount) and about 15 minutes. Arguments go to io.kafkaorchestrator.bench.Benchmarks:
#   --scale 1000,10000,100000   partition counts of the scale section (default 1000,10000)
#   --out FILE                  where to write (default BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

if ! command -v hey >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null
fi
# One broker holding many partitions maps two index files per partition.
if (( $(cat /proc/sys/vm/max_map_count) < 262144 )); then
  sysctl -q -w vm.max_map_count=262144
fi

./mvnw -B -q package -DskipTests
packaging/build-image.sh
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

mkdir -p target/bench
# Only one Kafka suite at a time on this machine.
flock /tmp/kafka-tests.lock "$JAVA_HOME/bin/java" -Xmx2g --sun-misc-unsafe-memory-access=allow \
  --enable-native-access=ALL-UNNAMED -Djava.util.logging.config.file=bench/logging.properties \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.kafkaorchestrator.bench.Benchmarks "$@" 2>&1 | tee target/bench/bench.log
