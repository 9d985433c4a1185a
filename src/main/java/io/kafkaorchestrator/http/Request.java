package io.kafkaorchestrator.http;

import java.util.Optional;

/** What a handler may look at in a request: the Accept header, for a handler that answers in more than one format. */
public record Request(Optional<String> accept) {}
