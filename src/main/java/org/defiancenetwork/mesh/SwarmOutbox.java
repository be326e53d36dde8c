package org.defiancenetwork.mesh;

import java.util.List;

/** Hands a swarm's decisions to its peers' sockets; called under the swarm's lock, so it only queues. */
@FunctionalInterface
interface SwarmOutbox {

    void send(Swarm swarm, List<Swarm.Outgoing> messages);
}
