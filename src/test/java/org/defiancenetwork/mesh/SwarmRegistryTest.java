package org.defiancenetwork.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.defiancenetwork.platform.Ids;
import org.defiancenetwork.platform.RateLimit;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.WithDefault;

/** Joining and leaving race each other on reloads: nobody may end up in a swarm that is gone. */
class SwarmRegistryTest {

    static final SwarmOutbox NOWHERE = (swarm, messages) -> { };

    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final SwarmRegistry registry = new SwarmRegistry(config(), metrics, new Ids());

    Peer peer(String socket) {
        return new Peer(registry.newPeerId(), new Peer.Origin(socket, "192.0.2.7", null), Peer.Role.VIEWER, true,
                new RateLimit(10, 10, 0), System.nanoTime());
    }

    void join(String swarm, Peer p) {
        registry.join(swarm, p, s -> s.join(p, List.of()), NOWHERE);
    }

    @Test
    void aViewerWhoReloadsWhileTheLastOneLeavesLandsInALiveSwarm() throws Exception {
        // Two viewers of one swarm keep reloading: each leave may empty the swarm while the other joins.
        int rounds = 20_000;
        AtomicInteger lost = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = List.of("a", "b").stream().map(name -> pool.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    String socket = "node/" + name + i;
                    Peer p = peer(socket);
                    join("s", p);
                    Optional<SwarmRegistry.Member> member = registry.member(socket);
                    if (member.isEmpty() || registry.swarm("s").orElse(null) != member.get().swarm()) {
                        lost.incrementAndGet();
                    }
                    registry.leave(socket, NOWHERE);
                }
                return null;
            })).collect(java.util.stream.Collectors.toList());
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, lost.get(), "viewers who joined a swarm that was being removed");
        assertTrue(registry.swarm("s").isEmpty(), "the last leave removed the swarm");
    }

    @Test
    void aSwarmsGaugeGoesWithTheSwarm() {
        Peer p = peer("node/x");
        join("s1", p);
        assertEquals(1.0, metrics.find("defiance.mesh.swarm.peers").tag("swarm", "s1").gauge().value());
        assertEquals(1.0, metrics.find("defiance.mesh.swarms").gauge().value());
        registry.leave("node/x", NOWHERE);
        assertNull(metrics.find("defiance.mesh.swarm.peers").tag("swarm", "s1").gauge(), "no meter for a swarm that is gone");
        assertEquals(0.0, metrics.find("defiance.mesh.swarms").gauge().value());
    }

    /** The mapping's own defaults; a proxy, since a class implementing it would be taken for a bean. */
    static MeshConfig config() {
        return (MeshConfig) Proxy.newProxyInstance(MeshConfig.class.getClassLoader(), new Class<?>[] { MeshConfig.class },
                (proxy, method, args) -> {
                    Class<?> type = method.getReturnType();
                    if (type == Optional.class) {
                        return Optional.empty();
                    }
                    String value = method.getAnnotation(WithDefault.class).value();
                    if (type == int.class) {
                        return Integer.parseInt(value);
                    }
                    if (type == long.class) {
                        return Long.parseLong(value);
                    }
                    return Duration.parse(value);
                });
    }
}
