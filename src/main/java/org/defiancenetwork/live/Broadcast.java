package org.defiancenetwork.live;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.defiancenetwork.live.api.BroadcastState;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One go-live of a channel, from the WHIP offer to its recording. */
@Entity
@Table(name = "broadcast")
public class Broadcast extends PanacheEntityBase {

    /** Random and URL-safe: appears in /watch/{id} and /media/{id}/, so it must not be guessable. */
    @Id
    @Column(length = 16)
    public String id;

    /** The channel (of the channel feature) this broadcast went out on. */
    @Column(name = "channel_id", nullable = false)
    public long channelId;

    @Column(nullable = false, length = 140)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BroadcastState state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "failure_reason", length = 500)
    public String failureReason;

    /** Rendition names of the HLS ladder, comma-separated, best first. */
    @Column(nullable = false, length = 200)
    public String renditions = "";

    /** Playlist of the recording relative to the broadcast's media folder, once it exists. */
    @Column(length = 200)
    public String recording;

    @Column(name = "duration_ms")
    public Long durationMs;

    @Column(name = "frames_received", nullable = false)
    public long framesReceived;

    @Column(name = "frames_dropped", nullable = false)
    public long framesDropped;

    @Column(name = "peak_viewers", nullable = false)
    public int peakViewers;

    /** The node that ingests and transcodes this broadcast. */
    @Column(name = "origin_node", length = 40)
    public String originNode;

    /** Base URL of that node's media, for pages served by other nodes; null when they share an origin. */
    @Column(name = "origin_url", length = 300)
    public String originUrl;
}
