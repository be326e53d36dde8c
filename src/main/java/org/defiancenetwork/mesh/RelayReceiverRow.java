package org.defiancenetwork.mesh;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A distinct viewer who confirmed receiving from an account during a broadcast, as a hash. */
@Entity
@Table(name = "mesh_relay_receiver")
public class RelayReceiverRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "broadcast_id", nullable = false, length = 16)
    public String broadcastId;

    @Column(nullable = false, length = 32)
    public String account;

    @Column(nullable = false, length = 64)
    public String receiver;
}
