# Entry points; each target is one documented command (README, docs/packaging.md).
export JAVA_HOME ?= /usr/lib/jvm/temurin-25-jdk-amd64

.PHONY: test build run-local image push sbom bench chaos

# Unit tests, then integration tests against real Kafka clusters (ImageIT builds the image first when it is stale).
test:
	./mvnw -B verify

# target/kafka-orchestrator.jar with its libraries in target/lib.
build:
	./mvnw -B package

# The sidecar against a local 3-broker KRaft cluster it starts itself.
run-local:
	./mvnw -B -q test-compile exec:java@run-local

# target/image/kafka-orchestrator-image.tar (no Docker engine needed; root for the chroot'ed training run).
image:
	./mvnw -B -q package -DskipTests
	packaging/build-image.sh

# Pushes the image to a registry, no Docker engine needed: make push IMAGE=registry/name:tag (JIB_ARGS for more,
# e.g. JIB_ARGS=-Djib.allowInsecureRegistries=true for a plain-HTTP registry).
push:
	IMAGE="$(IMAGE)" JIB_ARGS="$(JIB_ARGS)" packaging/push-image.sh

# target/kafka-orchestrator.cdx.json: the software bill of materials (CycloneDX) of what the image ships.
sbom:
	./mvnw -B -q package -DskipTests cyclonedx:makeBom

# Rewrites BENCHMARKS.md (root, about 80 minutes). BENCH_ARGS="--scale 1000,10000" for other partition counts,
# BENCH_ARGS="--only startup,latency --out /tmp/b.md" for some sections (see bench/run.sh).
bench:
	bench/run.sh $(BENCH_ARGS)

# Fault-injection suite against broker processes.
chaos:
	./mvnw -B verify -Pchaos
