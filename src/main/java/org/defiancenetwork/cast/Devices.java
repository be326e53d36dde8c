package org.defiancenetwork.cast;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.pages.PageEvents;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The devices the node knows right now: discovered ones (mDNS, SSDP) while they keep answering,
 * and those added by address. Pages following {@value #TOPIC} hear when the list changes.
 */
@ApplicationScoped
public class Devices {

    public static final String TOPIC = "cast:devices";

    /** Tells pages that the device list changed; they fetch it again. */
    @RegisterForReflection
    public record Changed(String type) {
        Changed() {
            this("cast-devices");
        }
    }

    private final Map<String, CastDevice> known = new ConcurrentHashMap<>();
    private final PageEvents pages;

    Devices(PageEvents pages) {
        this.pages = pages;
    }

    public List<CastDevice> list() {
        return known.values().stream()
                .sorted(Comparator.comparing((CastDevice d) -> d.name().toLowerCase()).thenComparing(CastDevice::id))
                .toList();
    }

    public Optional<CastDevice> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(known.get(id));
    }

    /** A device answered; an added device stays added when discovery finds it too. */
    void seen(CastDevice device) {
        CastDevice before = known.get(device.id());
        CastDevice now = before != null && before.added() ? device.asAdded() : device;
        known.put(device.id(), now);
        if (before == null || !before.name().equals(now.name()) || !before.host().equals(now.host())) {
            pages.publish(TOPIC, new Changed());
        }
    }

    void gone(String id) {
        CastDevice removed = known.computeIfPresent(id, (k, d) -> d.added() ? d : null);
        if (removed == null) {
            pages.publish(TOPIC, new Changed());
        }
    }

    void remove(String id) {
        if (known.remove(id) != null) {
            pages.publish(TOPIC, new Changed());
        }
    }

    /** Forgets discovered devices that have not answered within {@code timeout}. */
    void expire(Duration timeout) {
        Instant horizon = Instant.now().minus(timeout);
        boolean changed = known.values().removeIf(d -> !d.added() && d.lastSeen().isBefore(horizon));
        if (changed) {
            pages.publish(TOPIC, new Changed());
        }
    }
}
