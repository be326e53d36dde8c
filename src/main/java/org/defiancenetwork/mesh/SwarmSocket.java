package org.defiancenetwork.mesh;

import jakarta.inject.Inject;

import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.live.api.Broadcasts;
import org.defiancenetwork.platform.NodeIdentity;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Mesh signaling (DESIGN §4): one socket per viewer per swarm, a swarm per broadcast. The
 * broadcaster's page joins with ?role=broadcaster to serve direct-mode viewers.
 */
@WebSocket(path = "/api/mesh/{swarm}")
public class SwarmSocket {

    @Inject
    Swarms swarms;

    @Inject
    Broadcasts broadcasts;

    @Inject
    Channels channels;

    @Inject
    SecurityIdentity identity;

    @Inject
    NodeIdentity node;

    @OnOpen
    void open(WebSocketConnection connection, @PathParam String swarm) {
        BroadcastStatus broadcast = broadcasts.status(swarm).orElse(null);
        // A starting broadcast has a swarm already: the broadcaster's page joins it as soon as WHIP answers.
        boolean live = broadcast != null
                && (broadcast.state() == BroadcastState.LIVE || broadcast.state() == BroadcastState.STARTING);
        if (broadcast == null || (!live && broadcast.recordingUrl() == null)) {
            refuse(connection, "unknown-swarm", "There is no live broadcast or recording " + swarm + ".");
            return;
        }
        // A live swarm is run by the node that carries the broadcast; a recording's by any node.
        String owner = live ? broadcasts.originNode(swarm).orElse(node.id()) : node.id();
        String role = connection.handshakeRequest().query() == null ? "" : connection.handshakeRequest().query();
        if (role.contains("role=broadcaster")) {
            String channelOwner = channels.bySlug(broadcast.channelSlug()).map(c -> c.owner()).orElse(null);
            if (identity.isAnonymous() || !identity.getPrincipal().getName().equals(channelOwner) || !broadcasts.isLive(swarm)) {
                refuse(connection, "forbidden", "Only the broadcaster, signed in on the node that carries the broadcast, may serve this swarm.");
                return;
            }
            swarms.open(swarm, owner, connection, Peer.Role.BROADCASTER);
        } else {
            swarms.open(swarm, owner, connection, Peer.Role.VIEWER);
        }
    }

    private void refuse(WebSocketConnection connection, String code, String message) {
        swarms.error(node.id() + "/" + connection.id(), code, message);
        connection.close().subscribe().with(ok -> { }, fail -> { });
    }

    @OnTextMessage
    void message(String text, WebSocketConnection connection) {
        swarms.message(connection, text);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        swarms.closed(connection);
    }
}
