package io.kafkaorchestrator.http;

import java.util.Optional;

/** What an endpoint may look at in a request: only the Accept header matters to any of them (for /metrics). */
public record Request(Optional<String> accept) {
}
