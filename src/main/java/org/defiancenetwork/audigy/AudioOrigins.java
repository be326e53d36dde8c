package org.defiancenetwork.audigy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.net.RemoteFetch;
import org.defiancenetwork.platform.net.UrlGuard;

/**
 * The feature's one way out to the places users point it at (catalogue sources, podcast feeds,
 * audio origins): every fetch passes the SSRF guard, and {@code ipfs://} goes through the
 * configured gateway.
 */
@ApplicationScoped
public class AudioOrigins {

    /** An entry URI as something to fetch over HTTP, or the reason it cannot be fetched. */
    public record Resolved(URI url, String unavailable) {
    }

    private final RemoteFetch fetch;
    private final Optional<String> gateway;

    AudioOrigins(AudioConfig config) {
        this.fetch = new RemoteFetch(new UrlGuard(config.allowPrivateSources()), config.fetchTimeout(), "DefianceNetwork-Audio/1");
        this.gateway = config.ipfsGateway().filter(g -> !g.isBlank());
    }

    public RemoteFetch fetch() {
        return fetch;
    }

    public UrlGuard guard() {
        return fetch.guard();
    }

    public Resolved resolve(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            return new Resolved(null, "not a valid URI");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("ipfs")) {
            if (gateway.isEmpty()) {
                return new Resolved(null, "ipfs:// needs an IPFS gateway and this node has none (defiance.audio.ipfs-gateway)");
            }
            return new Resolved(viaGateway(parsed, gateway.get()), null);
        }
        if (scheme.equals("http") || scheme.equals("https")) {
            return new Resolved(parsed, null);
        }
        return new Resolved(null, "the scheme " + scheme + " cannot be fetched");
    }

    /** {@code ipfs://CID/path} as {@code <gateway>/ipfs/CID/path} (the path-gateway form every gateway serves). */
    static URI viaGateway(URI ipfs, String gateway) {
        String base = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
        String cid = ipfs.getRawAuthority() != null ? ipfs.getRawAuthority() : "";
        String path = ipfs.getRawPath() == null ? "" : ipfs.getRawPath();
        if (cid.isEmpty() && path.startsWith("/")) {
            path = path.substring(1);
        }
        return URI.create(base + "/ipfs/" + cid + (cid.isEmpty() || path.isEmpty() || path.startsWith("/") ? path : "/" + path));
    }
}
