package io.kafkaorchestrator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries of the Grafana dashboard in ops/grafana, and what they ask of a scrape: the series each selects and the
 * labels it matches or groups by. The dashboard writes every selector as {@code name{...}}, so a bare name is a
 * mistake too.
 */
final class DashboardQueries {

    static final Path DASHBOARD = Path.of("ops/grafana/kafka-orchestrator-dashboard.json");
    /** Labels the Prometheus server adds to every scraped series. */
    static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern BARE_METRIC = Pattern.compile("\\b(?:kafka|jvm|process)_[a-zA-Z0-9_]*\\b(?!\\s*\\{)");

    private DashboardQueries() {}

    /** Every target's expression, in panel order, with Grafana's interval variables replaced by a duration. */
    static List<String> expressions() throws IOException {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels"), expressions);
        return expressions;
    }

    private static void collect(JsonNode panels, List<String> into) {
        for (JsonNode panel : panels) {
            if (panel.has("panels")) {
                collect(panel.get("panels"), into);
            }
            if (panel.has("targets")) {
                panel.get("targets")
                        .forEach(target -> into.add(target.get("expr")
                                .asText()
                                .replace("$__rate_interval", "5m")
                                .replace("$__interval", "1m")));
            }
        }
    }

    /** Per series name in a Prometheus text exposition, the label names its samples carry. */
    static Map<String, Set<String>> seriesLabels(String exposition) {
        Map<String, Set<String>> labels = new HashMap<>();
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Set<String> names = labels.computeIfAbsent(name, n -> new HashSet<>());
            if (brace >= 0 && brace < space) {
                Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"")
                        .matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        return labels;
    }

    /** What in {@code expression} the scrape does not have; empty when everything it asks for is there. */
    static List<String> problems(String expression, Map<String, Set<String>> scrape) {
        List<String> problems = new ArrayList<>();
        Set<String> available = new HashSet<>(TARGET_LABELS);
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            String name = selector.group(1);
            Set<String> labels = scrape.get(name);
            if (labels == null) {
                problems.add("series " + name + " is not in the scrape");
                continue;
            }
            available.addAll(labels);
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                if (!labels.contains(matcher.group(1)) && !TARGET_LABELS.contains(matcher.group(1))) {
                    problems.add("series " + name + " has no label " + matcher.group(1));
                }
            }
        }
        Matcher grouping = GROUPING.matcher(expression);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                if (!label.isBlank() && !available.contains(label.strip())) {
                    problems.add("grouped by " + label.strip() + ", which no selected series has");
                }
            }
        }
        Matcher bare = BARE_METRIC.matcher(expression);
        while (bare.find()) {
            problems.add("bare series name " + bare.group() + ": write it as " + bare.group() + "{...}");
        }
        return problems;
    }
}
