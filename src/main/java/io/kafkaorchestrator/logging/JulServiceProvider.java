package io.kafkaorchestrator.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's backend: each event becomes a java.util.logging record, as with slf4j-jdk14, but the event's key-value
 * pairs travel with it (slf4j-jdk14 drops them). The JSON log lines need them: the original Go tool's lines carry each
 * event's attributes as their own keys ({@code "brokerId":0}), and log queries written for it look for those keys.
 * Taking slf4j-jdk14 back means losing the attributes, nothing else.
 */
public final class JulServiceProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        Map<String, Logger> byName = new ConcurrentHashMap<>();
        loggers = name -> byName.computeIfAbsent(name, JulLogger::new);
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }
}
