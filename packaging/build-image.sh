#!/usr/bin/env bash
# Builds the container image without a Docker engine (make image):
#   target/image/rootfs              the image's file system: jlink runtime (/opt/java), the app at its final paths
#                                    (/app), the JVM options (/app/jvm.options), the AOT cache (/app/app.aot) and the
#                                    glibc files the runtime links against
#   target/image/kafka-orchestrator-image.tar   the OCI/Docker image tarball (Jib, from scratch), `docker load`-able
#   target/image/kafka-orchestrator-image.sbom.cdx.json   its software bill of materials (CycloneDX), also in the
#                                    image at /app/sbom.cdx.json
# The AOT cache is recorded by a training run (the jar with --train) of that rootfs under chroot, so that runtime, class
# path and flags are exactly those of the image: the JVM ignores a cache made with anything else.
# Needs root (chroot). Dockerfile builds the same layout with a Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
IMAGE=target/image
ROOTFS=$IMAGE/rootfs

# target/lib keeps jars of dependencies the pom has since dropped (copy-dependencies never deletes): rebuild it, so
# that the image ships exactly what its bill of materials lists. An existing jar is used as it is: the integration
# tests call this script while their JVM runs from that jar, and repackaging it under them breaks their class loading.
rm -rf target/lib
if [[ ! -f target/kafka-orchestrator.jar ]]; then
  ./mvnw -B -q package -DskipTests
else
  ./mvnw -B -q dependency:copy-dependencies@copy-runtime-libs
fi
# A run killed while the rootfs had /proc mounted (training here, or a benchmark) must not make rm walk /proc.
if mountpoint -q "$ROOTFS/proc"; then umount "$ROOTFS/proc"; fi
rm -rf "$IMAGE"
mkdir -p "$ROOTFS/app/lib" "$ROOTFS/etc" "$ROOTFS/proc"

# Modules: whatever jdeps finds the jar and its libraries use (it prints warnings first: the list is the last line).
modules=$("$JAVA_HOME/bin/jdeps" --multi-release 25 --print-module-deps --ignore-missing-deps \
  --class-path 'target/lib/*' target/kafka-orchestrator.jar target/lib/*.jar | tail -1)
echo "modules: $modules"
echo "$modules" > "$IMAGE/modules.txt"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$ROOTFS/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6

cp target/kafka-orchestrator.jar "$ROOTFS/app/"
cp target/lib/*.jar "$ROOTFS/app/lib/"
cp packaging/jvm.options "$ROOTFS/app/jvm.options"
# The software bill of materials, in the image and beside the tarball.
./mvnw -B -q cyclonedx:makeBom
cp target/kafka-orchestrator.cdx.json "$ROOTFS/app/sbom.cdx.json"
cp target/kafka-orchestrator.cdx.json "$IMAGE/kafka-orchestrator-image.sbom.cdx.json"

# The dynamic loader and every shared library the runtime's executables and libraries need, as the host has them.
find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
  | awk -v own="$PWD/$ROOTFS" '$2 == "=>" && $3 ~ /^\// && index($3, own) != 1 { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | sort -u \
  | while read -r lib; do cp -L --parents "$lib" "$ROOTFS/"; done
# The C.UTF-8 locale (the image sets LANG=C.UTF-8): without it the JVM decodes environment variables as ASCII.
cp -r --parents /usr/lib/locale/C.utf8 "$ROOTFS/"
printf 'root:x:0:0:root:/:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/app:/sbin/nologin\n' > "$ROOTFS/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$ROOTFS/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$ROOTFS/etc/hosts"

# Training run at the final paths, with the final flags; the cache is read-only to the app afterwards. The loader
# finds the runtime's libraries through /proc/self/exe, as in any container: mount /proc for the run.
mount -t proc proc "$ROOTFS/proc"
trap 'umount "$ROOTFS/proc"' EXIT
chroot "$ROOTFS" /opt/java/bin/java @/app/jvm.options -XX:AOTCacheOutput=/app/app.aot \
  -jar /app/kafka-orchestrator.jar --train
chmod 644 "$ROOTFS/app/app.aot"
umount "$ROOTFS/proc"
trap - EXIT

./mvnw -B -q -Pimage jib:buildTar
du -sh "$ROOTFS/opt/java" "$ROOTFS/app" "$ROOTFS/app/app.aot" "$IMAGE/kafka-orchestrator-image.tar"
