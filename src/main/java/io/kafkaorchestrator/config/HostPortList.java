package io.kafkaorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a comma-separated list of host:port, as BOOTSTRAP_SERVERS takes it. */
final class HostPortList {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** The entries, trimmed, empty ones (a trailing comma) skipped, and what is wrong with each bad one. */
    record Checked(List<String> entries, List<String> problems) {}

    private HostPortList() {}

    static Checked check(String list) {
        List<String> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String problem = problemOf(entry);
            if (problem == null) {
                entries.add(entry);
            } else {
                problems.add("entry \"" + entry + "\" " + problem);
            }
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add("no host:port entries");
        }
        return new Checked(List.copyOf(entries), List.copyOf(problems));
    }

    /** What is wrong with one entry, or null when it is a good host:port. */
    private static String problemOf(String entry) {
        if (entry.contains("://")) {
            return "starts with a scheme; write host:port only";
        }
        String host;
        String port;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                return "has no closing \"]\" after the IPv6 address";
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.startsWith(":")) {
                return "has no port";
            }
            port = rest.substring(1);
            if (!IPV6.matcher(host).matches()) {
                return "has an invalid IPv6 address \"" + host + "\"";
            }
        } else {
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                return "has no port";
            }
            host = entry.substring(0, colon);
            port = entry.substring(colon + 1);
            if (host.contains(":")) {
                return "has an IPv6 address without brackets; write it as [address]:port";
            }
            if (host.isEmpty()) {
                return "has no host";
            }
            if (!HOST_NAME.matcher(host).matches()) {
                return "has an invalid host \"" + host + "\"";
            }
        }
        if (port.isEmpty()) {
            return "has no port";
        }
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return "has an invalid port \"" + port + "\" (1 to 65535)";
        }
        return null;
    }
}
