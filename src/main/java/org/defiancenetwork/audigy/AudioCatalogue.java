package org.defiancenetwork.audigy;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.defiancenetwork.audigy.augy.AugyFormat;
import org.defiancenetwork.audigy.augy.Signatures;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A collection on this node: what was imported, from where, and whether its signature held. */
@Entity
@Table(name = "audio_catalogue")
public class AudioCatalogue extends PanacheEntityBase {

    /** How a catalogue came to the node. */
    public enum Origin { UPLOAD, SUBSCRIPTION, CHANNEL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 80)
    public String slug;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(length = 300)
    public String creator;

    @Column(length = 4000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Origin origin;

    @Column(length = 32)
    public String owner;

    @Column(name = "channel_slug", length = 40)
    public String channelSlug;

    @Enumerated(EnumType.STRING)
    @Column(name = "signature_state", nullable = false, length = 16)
    public Signatures.State signatureState;

    @Column(name = "signed_by", length = 40)
    public String signedBy;

    @Column(name = "signature_note", length = 500)
    public String signatureNote;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_format", nullable = false, length = 8)
    public AugyFormat sourceFormat;

    @Column(nullable = false)
    public int warnings;

    /** The catalogue without entries and signature, as JSON. */
    @Column(nullable = false, length = Catalogues.MAX_DOCUMENT_CHARS)
    public String document;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static Optional<AudioCatalogue> bySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    static Optional<AudioCatalogue> ofChannel(String channelSlug) {
        return find("channelSlug", channelSlug).firstResultOptional();
    }
}
