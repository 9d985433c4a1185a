package io.kafkaorchestrator.api;

import io.kafkaorchestrator.about.AboutBody;
import io.kafkaorchestrator.about.BuildInfo;
import io.kafkaorchestrator.health.HealthMonitor;
import io.kafkaorchestrator.health.Observation;
import io.kafkaorchestrator.http.Request;
import io.kafkaorchestrator.http.Response;
import io.kafkaorchestrator.json.Json;
import io.kafkaorchestrator.metrics.MetricsExposition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The sidecar's endpoints: which path answers what, each answer rendered here to a status, a content type and bytes.
 * The HTTP server only carries them, so it knows nothing of health, metrics or builds, and another transport would
 * take the same table.
 */
public final class Endpoints {

    private Endpoints() {}

    /** The routes by exact path. Each answers from what the readers keep: none waits for Kafka. */
    public static Map<String, Function<Request, Response>> routes(
            HealthMonitor monitor, MetricsExposition metrics, BuildInfo build) {
        Map<String, Function<Request, Response>> routes = new LinkedHashMap<>();
        routes.put("/health/live", request -> VerdictJson.response(monitor.live()));
        routes.put("/health/ready", request -> VerdictJson.response(monitor.ready()));
        routes.put("/health/restart-safe", request -> VerdictJson.response(monitor.restartSafe()));
        routes.put("/metrics", request -> {
            MetricsExposition.Scrape scrape = metrics.scrape(request.accept());
            return new Response(200, scrape.contentType(), scrape.body());
        });
        routes.put(
                "/about",
                request -> json(
                        200,
                        AboutBody.of(
                                build,
                                monitor.policy().brokerId(),
                                monitor.observation().map(Observation::snapshot))));
        return routes;
    }

    static Response json(int status, Object body) {
        return new Response(status, Response.JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
