package org.defiancenetwork.operations;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One row per start of the node: lets an operator see restarts, and proves data outlives them. */
@Entity
@Table(name = "node_start")
public class NodeStart extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(nullable = false, length = 64)
    public String version;

    public static NodeStart first() {
        return find("order by id").firstResult();
    }
}
