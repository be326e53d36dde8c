package org.defiancenetwork.audigy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;

import org.defiancenetwork.platform.NodeIdentity;

/** Absolute URLs of this node's audio pages and files, for exports and feeds that leave the node. */
@ApplicationScoped
class AudioLinks {

    private final NodeIdentity node;

    AudioLinks(NodeIdentity node) {
        this.node = node;
    }

    /** The configured public base URL, else the one the request came in on; no trailing slash. */
    String base(UriInfo request) {
        return node.publicBaseUrl().orElseGet(() -> {
            String base = request.getBaseUri().toString();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        });
    }
}
