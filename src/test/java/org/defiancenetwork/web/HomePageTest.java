package org.defiancenetwork.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;

import org.defiancenetwork.channel.Channel;
import org.defiancenetwork.chat.ChatMessage;
import org.defiancenetwork.chat.ChatRestriction;
import org.defiancenetwork.live.Broadcast;
import org.defiancenetwork.live.api.BroadcastState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HomePageTest {

    /** Other tests in this application leave broadcasts behind; this one needs a known list. */
    @BeforeEach
    @AfterEach
    void removeBroadcasts() {
        QuarkusTransaction.requiringNew().run(() -> {
            ChatMessage.deleteAll();
            ChatRestriction.delete("channelId in (select c.id from Channel c where c.owner is null)");
            Broadcast.deleteAll();
            Channel.delete("owner is null");
        });
    }

    @Test
    void showsFriendlyEmptyStatesOnAFreshNode() {
        given().accept("text/html").get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"live-heading\""))
                .body(containsString("id=\"recordings-heading\""))
                .body(containsString("id=\"live-empty\""))
                .body(containsString("id=\"recordings-empty\""))
                .body(containsString("href=\"/broadcast\""));
    }

    @Test
    void listsLiveBroadcastsAndRecordingsFromTheDatabase() {
        QuarkusTransaction.requiringNew().run(() -> {
            Channel channel = channel("night-owls", "Night Owls");
            broadcast("livebroadcast01", channel, "Owls at midnight", BroadcastState.LIVE, null);
            broadcast("endedbroadcast1", channel, "Yesterday's owls", BroadcastState.ENDED, "recording/index.m3u8");
            broadcast("norecording0001", channel, "Lost to history", BroadcastState.ENDED, null);
        });

        given().get("/")
                .then().statusCode(200)
                .body(not(containsString("id=\"live-empty\"")))
                .body(not(containsString("id=\"recordings-empty\"")))
                .body(containsString("href=\"/watch/livebroadcast01\""))
                .body(containsString("Owls at midnight"))
                .body(containsString("href=\"/watch/endedbroadcast1\""))
                .body(containsString("Yesterday&#39;s owls"))
                .body(containsString("1:05:03"))
                .body(not(containsString("Lost to history")));
    }

    @Test
    void aRecordingWithoutAnEndTimeStillRenders() {
        // A row a crash or an import left without endedAt must not take the home page down.
        QuarkusTransaction.requiringNew().run(() -> {
            Channel channel = channel("half-owls", "Half Owls");
            broadcast("noendtime000001", channel, "Owls without an end", BroadcastState.ENDED, "recording/index.m3u8");
            Broadcast.<Broadcast> findById("noendtime000001").endedAt = null;
        });

        given().get("/").then().statusCode(200).body(containsString("Owls without an end"));
        given().get("/c/half-owls").then().statusCode(200).body(containsString("Owls without an end"));
    }

    private static Channel channel(String slug, String title) {
        Channel channel = new Channel();
        channel.slug = slug;
        channel.title = title;
        channel.createdAt = Instant.now();
        channel.persist();
        return channel;
    }

    private static void broadcast(String id, Channel channel, String title, BroadcastState state, String recording) {
        Broadcast b = new Broadcast();
        b.id = id;
        b.channelId = channel.id;
        b.title = title;
        b.state = state;
        b.createdAt = Instant.now().minus(Duration.ofHours(2));
        b.startedAt = b.createdAt;
        if (state.isOver()) {
            b.endedAt = Instant.now().minus(Duration.ofMinutes(5));
            b.durationMs = Duration.ofHours(1).plusMinutes(5).plusSeconds(3).toMillis();
            b.recording = recording;
        }
        b.persist();
    }
}
