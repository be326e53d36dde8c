package org.defiancenetwork.live;

import java.time.Instant;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How many viewers one node counts per broadcast right now. */
@RegisterForReflection
public record ViewerStats(String node, Map<String, Integer> viewers, Instant at) {
}
