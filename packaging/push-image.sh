#!/usr/bin/env bash
# Pushes the image to a registry without a Docker engine (make push IMAGE=registry/name:tag): the same layout as
# make image (packaging/build-image.sh, built first when target/image/rootfs is missing or older than the jar),
# pushed by Jib's registry client. Credentials: Jib reads Docker's config (~/.docker/config.json) and credential
# helpers, or -Djib.to.auth.username/-Djib.to.auth.password in JIB_ARGS.
#   IMAGE       where to push, e.g. ghcr.io/acme/kafka-orchestrator:0.1.0 (required)
#   JIB_ARGS    more Maven arguments, e.g. -Djib.allowInsecureRegistries=true for a plain-HTTP registry
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [[ -z "${IMAGE:-}" ]]; then
  echo "push-image.sh: set IMAGE to where the image goes, e.g. IMAGE=ghcr.io/acme/kafka-orchestrator:0.1.0" >&2
  exit 2
fi
ROOTFS=target/image/rootfs
if [[ ! -f "$ROOTFS/app/app.aot" || ! -f target/kafka-orchestrator.jar \
      || target/kafka-orchestrator.jar -nt "$ROOTFS/app/kafka-orchestrator.jar" ]]; then
  packaging/build-image.sh
fi
# shellcheck disable=SC2086 # JIB_ARGS is a list of arguments
./mvnw -B -q -Pimage jib:build -Djib.to.image="$IMAGE" ${JIB_ARGS:-}
echo "pushed $IMAGE (software bill of materials: /app/sbom.cdx.json in the image," \
  "target/image/kafka-orchestrator-image.sbom.cdx.json here)"
