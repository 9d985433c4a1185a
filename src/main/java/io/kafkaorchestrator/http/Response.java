package io.kafkaorchestrator.http;

import io.kafkaorchestrator.json.Json;
import java.nio.charset.StandardCharsets;

/** What an endpoint answers: status, content type and body, the bytes as they go on the wire. */
public record Response(int status, String contentType, byte[] body) {

    public static final String JSON = "application/json";

    /** The server's own answers (unknown path, method not allowed, bad request, an endpoint that failed). */
    static Response json(int status, Object body) {
        return new Response(status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
