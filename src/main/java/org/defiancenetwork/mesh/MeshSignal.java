package org.defiancenetwork.mesh;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Mesh signaling between nodes. A swarm is run by the node that carries its broadcast; a viewer
 * connected to another node is served through it: that node forwards the viewer's JOIN, MESSAGE
 * and LEAVE to the owner, and the owner answers with DELIVER (a text for the viewer) or CLOSE.
 * {@code address} is "node/connection", the viewer's socket on its node; {@code client} is who is
 * behind it (network address, account), as its node saw it.
 */
@RegisterForReflection
public record MeshSignal(Kind kind, String to, String from, String swarm, String address, String role, String text,
        String clientAddress, String account, Boolean sharing) {

    public enum Kind { JOIN, MESSAGE, LEAVE, DELIVER, CLOSE }
}
