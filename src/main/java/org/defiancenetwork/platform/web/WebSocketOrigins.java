package org.defiancenetwork.platform.web;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.NodeIdentity;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Every WebSocket of the node (chat, page events, mesh signaling, and any a feature adds) opens
 * only from this node's own pages when a browser asks: a WebSocket handshake carries the
 * visitor's cookies but, unlike fetch, no CORS check, so another site could otherwise chat or
 * signal in the visitor's name. Clients that are not browsers send no Origin and are let through.
 */
@ApplicationScoped
public class WebSocketOrigins implements HttpUpgradeCheck {

    private final NodeIdentity node;

    WebSocketOrigins(NodeIdentity node) {
        this.node = node;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || Origins.sameOrigin(origin, context.httpRequest(), node.publicBaseUrl())) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(403);
    }
}
