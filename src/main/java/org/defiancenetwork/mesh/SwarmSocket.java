package org.defiancenetwork.mesh;

import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastStatus;
import org.defiancenetwork.live.api.Broadcasts;
import org.defiancenetwork.platform.NodeIdentity;
import org.defiancenetwork.platform.net.ConnectionsPerAddress;
import org.defiancenetwork.platform.net.WebSocketCloses;
import org.jboss.logging.Logger;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * Mesh signaling (DESIGN §4): one socket per viewer per swarm, a swarm per broadcast. The
 * broadcaster's page joins with ?role=broadcaster to serve direct-mode viewers; a page that cannot
 * or will not share segments joins with ?share=0 and is only counted.
 */
@WebSocket(path = "/api/mesh/{swarm}")
public class SwarmSocket {

    private static final Logger LOG = Logger.getLogger(SwarmSocket.class);

    @Inject
    ClusterRelay relay;

    @Inject
    Broadcasts broadcasts;

    @Inject
    Channels channels;

    @Inject
    SecurityIdentity identity;

    @Inject
    NodeIdentity node;

    @Inject
    MeshConfig config;

    ConnectionsPerAddress perAddress;

    @PostConstruct
    void limits() {
        perAddress = new ConnectionsPerAddress(config.socketsPerAddress());
    }

    @OnOpen
    void open(WebSocketConnection connection, @PathParam String swarm) {
        String clientAddress = ConnectionsPerAddress.host(connection.handshakeRequest().remoteAddress());
        if (!perAddress.tryOpen(connection.id(), clientAddress)) {
            refuse(connection, "too-many-connections", "At most " + perAddress.max() + " mesh sockets per address.",
                    WebSocketCloses.POLICY_VIOLATION);
            return;
        }
        BroadcastStatus broadcast = broadcasts.status(swarm).orElse(null);
        // A starting broadcast has a swarm already: the broadcaster's page joins it as soon as WHIP answers.
        boolean live = broadcast != null
                && (broadcast.state() == BroadcastState.LIVE || broadcast.state() == BroadcastState.STARTING);
        if (broadcast == null || (!live && broadcast.recordingUrl() == null)) {
            refuse(connection, "unknown-swarm", "There is no live broadcast or recording " + swarm + ".", CloseReason.NORMAL.getCode());
            return;
        }
        // A live swarm is run by the node that carries the broadcast; a recording's by any node.
        String owner = live ? broadcasts.originNode(swarm).orElse(node.id()) : node.id();
        Map<String, List<String>> query = new QueryStringDecoder(connection.handshakeRequest().query() == null ? ""
                : connection.handshakeRequest().query(), false).parameters();
        String account = identity.isAnonymous() ? null : identity.getPrincipal().getName();
        if (query.getOrDefault("role", List.of()).contains("broadcaster")) {
            String channelOwner = channels.bySlug(broadcast.channelSlug()).map(c -> c.owner()).orElse(null);
            if (account == null || !account.equals(channelOwner) || !broadcasts.isLive(swarm)) {
                refuse(connection, "forbidden", "Only the broadcaster, signed in on the node that carries the broadcast, may serve this swarm.",
                        WebSocketCloses.POLICY_VIOLATION);
                return;
            }
            relay.open(swarm, owner, connection, Peer.Role.BROADCASTER, clientAddress, account, true);
        } else {
            boolean sharing = !query.getOrDefault("share", List.of()).contains("0");
            relay.open(swarm, owner, connection, Peer.Role.VIEWER, clientAddress, account, sharing);
        }
    }

    @OnTextMessage
    void message(String text, WebSocketConnection connection) {
        relay.message(connection, text);
    }

    @OnClose
    void close(WebSocketConnection connection) {
        perAddress.closed(connection.id());
        relay.closed(connection);
    }

    /** A message beyond the transport's limit closes with 1009, not the generic 1011. */
    @OnError
    void failed(IllegalStateException e, WebSocketConnection connection) {
        if (!WebSocketCloses.isMessageTooBig(e)) {
            LOG.errorf(e, "mesh socket %s failed", connection.id());
        }
        connection.close(WebSocketCloses.forError(e)).subscribe().with(ok -> { }, fail -> { });
    }

    private void refuse(WebSocketConnection connection, String code, String message, int closeCode) {
        String address = relay.address(connection);
        relay.send(address, new NodeMessage.Error(code, message));
        relay.close(address, closeCode);
    }
}
