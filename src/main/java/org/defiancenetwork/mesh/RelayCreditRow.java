package org.defiancenetwork.mesh;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One account's relay credit for one broadcast (see {@link RelayCredits}). */
@Entity
@Table(name = "mesh_relay_credit")
public class RelayCreditRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "broadcast_id", nullable = false, length = 16)
    public String broadcastId;

    @Column(nullable = false, length = 32)
    public String account;

    @Column(name = "bytes_delivered", nullable = false)
    public long bytesDelivered;

    @Column(name = "seconds_active", nullable = false)
    public long secondsActive;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
