package org.defiancenetwork.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The ICE servers a browser gets, as RTCIceServer dictionaries, with TURN credentials minted per peer. */
@ApplicationScoped
public class IceServers {

    /** One RTCIceServer entry. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(List<String> urls, String username, String credential) {
    }

    private final MeshConfig config;

    IceServers(MeshConfig config) {
        this.config = config;
    }

    public List<Server> forPeer(String peerId) {
        List<Server> servers = new ArrayList<>();
        config.stunUrls().filter(urls -> !urls.isEmpty()).ifPresent(urls -> servers.add(new Server(urls, null, null)));
        config.turn().ifPresent(turn -> {
            TurnCredentials.Credential c = TurnCredentials.mint(turn.secret(), peerId, Instant.now(),
                    turn.credentialLifetime().orElse(Duration.ofHours(1)));
            servers.add(new Server(turn.urls(), c.username(), c.credential()));
        });
        return servers;
    }
}
