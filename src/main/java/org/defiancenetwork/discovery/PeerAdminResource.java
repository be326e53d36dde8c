package org.defiancenetwork.discovery;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.defiancenetwork.platform.Roles;

/** The operator's choices about other nodes, posted from the peers section of /admin. */
@Path("/admin/network/peers")
@RolesAllowed(Roles.ADMIN)
public class PeerAdminResource {

    private static final URI BACK = URI.create("/admin#admin-peers");

    private final Peers peers;

    PeerAdminResource(Peers peers) {
        this.peers = peers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@FormParam("address") String address) {
        try {
            peers.add(address);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("This node cannot follow '" + address + "': " + e.getMessage());
        }
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/{id}/follow")
    public Response follow(@PathParam("id") long id) {
        peers.follow(id, true);
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/{id}/unfollow")
    public Response unfollow(@PathParam("id") long id) {
        peers.follow(id, false);
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/{id}/block")
    public Response block(@PathParam("id") long id) {
        peers.block(id, true, "blocked by the operator");
        return Response.seeOther(BACK).build();
    }

    @POST
    @Path("/{id}/unblock")
    public Response unblock(@PathParam("id") long id) {
        peers.block(id, false, null);
        return Response.seeOther(BACK).build();
    }
}
