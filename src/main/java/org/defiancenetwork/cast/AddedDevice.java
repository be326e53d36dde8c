package org.defiancenetwork.cast;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A device an operator added by address, kept so it is still there after a restart. */
@Entity
@Table(name = "cast_device")
public class AddedDevice extends PanacheEntityBase {

    @Id
    @Column(length = 80)
    public String id;

    /** The node that reaches it: devices are on one node's LAN, even in a cluster. */
    @Column(name = "node_id", nullable = false, length = 40)
    public String nodeId;

    @Column(nullable = false, length = 16)
    public String protocol;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 255)
    public String host;

    @Column(nullable = false)
    public int port;

    /** DLNA: the device description URL. */
    @Column(length = 500)
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
