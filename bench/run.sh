#!/usr/bin/env bash
# The benchmark suite (make bench): builds the image if needed, then measures the sidecar run from the image's root
# file system against an in-process KRaft broker, inside real cgroups, and rewrites BENCHMARKS.md.
# Needs root (cgroups, chroot, mount) and about 80 minutes (the scale matrix alone about 55). Arguments go to io.kafkaorchestrator.bench.Benchmarks:
#   --scale 1000,10000,30000,100000   partition counts of the scale matrix (default 1000,10000,30000,100000)
#   --scale-seconds 120         how long each cell of the scale matrix is sampled (default 120)
#   --only SECTION,...          run only those of image,startup,scale,decode,flags,memory,latency,limit64,nmt
#                               (e.g. bench/run.sh --only scale --out /tmp/scale.md)
#   --out FILE                  where to write (default BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

if ! command -v hey >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null
fi
# One broker holding many partitions maps two index files per partition and keeps about one file open per
# partition: 100,000 partitions need more than the default 65530 maps and the 20,000 open files allowed here.
if (( $(cat /proc/sys/vm/max_map_count) < 524288 )); then
  sysctl -q -w vm.max_map_count=524288
fi
# Raising the hard limit needs CAP_SYS_RESOURCE: without it, keep the hard limit we have.
ulimit -Hn 1048576 2>/dev/null || echo "bench: cannot raise the open files hard limit ($(ulimit -Hn)) without CAP_SYS_RESOURCE" >&2
ulimit -n "$(ulimit -Hn)"

./mvnw -B -q package -DskipTests
packaging/build-image.sh
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

mkdir -p target/bench
# Only one Kafka suite at a time on this machine.
flock /tmp/kafka-tests.lock "$JAVA_HOME/bin/java" -Xmx4g --sun-misc-unsafe-memory-access=allow \
  --enable-native-access=ALL-UNNAMED -Djava.util.logging.config.file=bench/logging.properties \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.kafkaorchestrator.bench.Benchmarks "$@" 2>&1 | tee target/bench/bench.log
