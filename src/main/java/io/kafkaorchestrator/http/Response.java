package io.kafkaorchestrator.http;

import io.kafkaorchestrator.json.Json;
import java.nio.charset.StandardCharsets;

/** What an endpoint answers: status, content type and body. */
public record Response(int status, String contentType, byte[] body) {

    public static final String JSON = "application/json";

    public static Response json(int status, Object body) {
        return new Response(status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
