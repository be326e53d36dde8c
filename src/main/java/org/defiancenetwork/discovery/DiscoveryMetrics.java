package org.defiancenetwork.discovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What federation refused and why, for /q/metrics ({@code defiance_discovery_rejected_total} by
 * what and reason) and the admin page, plus what it accepted.
 */
@ApplicationScoped
public class DiscoveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Counter blocked;

    DiscoveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("defiance.discovery.announcements.accepted")
                .description("Announcements from other nodes verified and kept").register(registry);
        this.blocked = Counter.builder("defiance.discovery.peers.blocked")
                .description("Peers blocked for sending bad signatures").register(registry);
    }

    /** {@code what}: announcement, delivery, descriptor, follow. */
    public void rejected(String what, String reason) {
        Counter.builder("defiance.discovery.rejected").description("Documents from other nodes refused, by what and why")
                .tag("what", what).tag("reason", reason).register(registry).increment();
        rejected.computeIfAbsent(what + " " + reason, k -> new AtomicLong()).incrementAndGet();
    }

    public void accepted() {
        accepted.increment();
    }

    public void blocked() {
        blocked.increment();
    }

    public Map<String, Long> rejectedCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        rejected.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }
}
