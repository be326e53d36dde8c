package org.defiancenetwork.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.defiancenetwork.channel.Channel;
import org.defiancenetwork.live.Broadcast;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.testing.Await;
import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.json.JsonObject;

/** Chat as its clients see it: posting, limits, guests, and the owner's moderation. */
@QuarkusTest
class ChatSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    ChatService chat;

    @Inject
    ChatSocket endpoint;

    private final List<WebSocketClientConnection> opened = new CopyOnWriteArrayList<>();

    /** Every test chats from 127.0.0.1: start each with a full budget for the address. */
    @BeforeEach
    void freshAddressBudget() {
        chat.forgetAddresses();
    }

    /** Sockets count against the address's connection limit: each test gives its own back. */
    @AfterEach
    void closeSockets() throws InterruptedException {
        for (WebSocketClientConnection c : opened) {
            if (!c.isClosed()) {
                c.closeAndAwait();
            }
        }
        Await.until(Duration.ofSeconds(10), "the chat sockets are closed on the node", () -> endpoint.perAddress.openFrom("127.0.0.1") == 0);
    }

    record Chat(WebSocketClientConnection connection, LinkedBlockingQueue<JsonObject> inbox) {
        /**
         * The next message of this type; messages of other types before it are passed over, but an
         * error or a close the test did not wait for fails at once, with what the node said.
         */
        JsonObject next(String type) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end) {
                JsonObject m = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (m != null && type.equals(m.getString("type"))) {
                    return m;
                }
                if (m != null && ("error".equals(m.getString("type")) || "closed".equals(m.getString("type")))) {
                    throw new AssertionError("waiting for '" + type + "', got " + m.encode());
                }
            }
            throw new AssertionError("no '" + type + "' within 10 s");
        }

        void post(String text) {
            connection.sendTextAndAwait(new JsonObject().put("type", "post").put("text", text).encode());
        }

        void send(JsonObject m) {
            connection.sendTextAndAwait(m.encode());
        }
    }

    /** A live broadcast on the channel of an account; returns the broadcast id. */
    static String liveBroadcastOf(String owner) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        QuarkusTransaction.requiringNew().run(() -> {
            Broadcast b = new Broadcast();
            b.id = id;
            b.channelId = Channel.findBySlug(owner).id;
            b.title = "Chatty";
            b.state = BroadcastState.LIVE;
            b.createdAt = Instant.now();
            b.startedAt = b.createdAt;
            b.persist();
        });
        return id;
    }

    Chat join(String broadcast, String query, WebSession session) {
        LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base)
                .path("/api/chat/" + broadcast + (query == null ? "" : "?" + query))
                // on the connection's event loop: blocking callbacks may run on several workers and reorder the inbox
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((c, text) -> inbox.add(new JsonObject(text)))
                .onClose((c, reason) -> inbox.add(new JsonObject().put("type", "closed").put("code", reason.getCode())));
        if (session != null) {
            connector = connector.addHeader("Cookie", "defiance-session=" + session.cookie("defiance-session"));
        }
        WebSocketClientConnection connection = connector.connectAndAwait();
        opened.add(connection);
        return new Chat(connection, inbox);
    }

    @Test
    void oneAddressHoldsAtMostTheConfiguredNumberOfChatSockets() throws Exception {
        String owner = name();
        WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        int cap = endpoint.perAddress.max();
        List<Chat> held = new java.util.ArrayList<>();
        for (int i = 0; i < cap; i++) {
            Chat c = join(broadcast, "nick=held" + i, null);
            c.next("welcome");
            held.add(c);
        }
        Chat refused = join(broadcast, "nick=onetoomany", null);
        assertEquals("too-many-connections", refused.next("error").getString("code"));
        assertEquals(1008, refused.next("closed").getInteger("code"), "policy violation");

        held.get(0).connection().closeAndAwait();
        Await.until(Duration.ofSeconds(10), "the slot is given back", () -> endpoint.perAddress.openFrom("127.0.0.1") == cap - 1);
        join(broadcast, "nick=inagain", null).next("welcome");
    }

    static String name() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void signedInPostsUnderTheirNameGuestsAreMarkedAndEveryoneReceivesIt() throws Exception {
        String owner = name();
        WebSession ownerSession = WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        Chat host = join(broadcast, null, ownerSession);
        JsonObject welcome = host.next("welcome");
        assertEquals(owner, welcome.getString("author"));
        assertFalse(welcome.getBoolean("guest"));
        assertTrue(welcome.getBoolean("moderator"));
        Chat guest = join(broadcast, "nick=owl_fan", null);
        JsonObject guestWelcome = guest.next("welcome");
        assertTrue(guestWelcome.getBoolean("guest"));
        assertFalse(guestWelcome.getBoolean("moderator"));

        guest.post("hello <b>owls</b>");
        JsonObject seenByHost = host.next("message");
        assertEquals("owl_fan", seenByHost.getString("author"));
        assertTrue(seenByHost.getBoolean("guest"));
        assertEquals("hello <b>owls</b>", seenByHost.getString("text"), "stored and sent as typed; pages escape it");

        Chat late = join(broadcast, null, null);
        List<Object> history = late.next("history").getJsonArray("messages").getList();
        assertEquals(1, history.size());
    }

    @Test
    void tooLongEmptyAndUnknownMessagesAreRefusedToTheSender() throws Exception {
        String owner = name();
        WebSession.signUp(owner, "a long passphrase");
        Chat guest = join(liveBroadcastOf(owner), "nick=talker", null);
        guest.next("history");
        guest.post("x".repeat(501));
        assertEquals("too-long", guest.next("error").getString("code"));
        guest.post("   ");
        assertEquals("empty", guest.next("error").getString("code"));
        guest.send(new JsonObject().put("type", "shout"));
        assertEquals("unknown-type", guest.next("error").getString("code"));
        guest.post("x".repeat(500));
        assertEquals(500, guest.next("message").getString("text").length());
    }

    @Test
    void rateLimitAllowsABurstThenRefuses() throws Exception {
        String owner = name();
        WebSession.signUp(owner, "a long passphrase");
        Chat guest = join(liveBroadcastOf(owner), "nick=spammer", null);
        guest.next("history");
        for (int i = 0; i < 8; i++) {
            guest.post("spam " + i);
        }
        // every post is answered: its echo while the burst lasts, a refusal after (echoes come by the
        // room's channel and refusals straight back, so the two kinds may interleave)
        int burst = chat.config().burst();
        List<String> echoed = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JsonObject answer = guest.inbox().poll(10, TimeUnit.SECONDS);
            assertNotNull(answer, "an answer to each of the 8 posts; got " + i);
            if ("message".equals(answer.getString("type"))) {
                echoed.add(answer.getString("text"));
            } else {
                assertEquals("rate-limited", answer.getString("code"), answer.encode());
            }
        }
        int accepted = echoed.size();
        // at most one more refilled while the test runs
        assertTrue(accepted == burst || accepted == burst + 1, "accepted " + accepted + " of 8 with a burst of " + burst);
        assertEquals(java.util.stream.IntStream.range(0, accepted).mapToObj(i -> "spam " + i).toList(), echoed);
    }

    @Test
    void manySocketsAndNicknamesFromOneAddressShareOneBudget() throws Exception {
        String owner = name();
        WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        List<Chat> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Chat c = join(broadcast, "nick=sock" + i, null);
            c.next("history");
            sockets.add(c);
        }
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 4; round++) {
            for (Chat c : sockets) {
                c.post("round " + round);
            }
        }
        Chat watcher = sockets.get(0);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepted + refused < 16 && System.nanoTime() < end) {
            for (Chat c : sockets) {
                JsonObject m = c.inbox().poll(50, TimeUnit.MILLISECONDS);
                if (m == null) {
                    continue;
                }
                if ("error".equals(m.getString("type")) && "rate-limited".equals(m.getString("code"))) {
                    refused++;
                } else if ("message".equals(m.getString("type")) && c == watcher) {
                    accepted++;
                }
            }
        }
        // four sockets with four nicknames each had a full burst of 5 (20 in all), but the address has a
        // burst of 10, refilled at 6 a minute in tests: one more at most while the test runs
        assertTrue(accepted >= 10 && accepted <= 11, "messages accepted from one address: " + accepted);
        assertEquals(16 - accepted, refused);
    }

    @Test
    void aBannedGuestStaysBannedUnderANewNickname() throws Exception {
        String owner = name();
        WebSession session = WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        Chat host = join(broadcast, null, session);
        host.next("history");
        Chat troll = join(broadcast, "nick=troll2", null);
        troll.next("history");
        host.send(new JsonObject().put("type", "ban").put("author", "troll2").put("guest", true));
        troll.next("notice");
        Chat again = join(broadcast, "nick=innocent_owl", null);
        again.next("history");
        again.post("it's me again");
        assertEquals("banned", again.next("error").getString("code"));
        // accounts are moderated by name: a signed-in chatter from the same address may still talk
        Chat member = join(broadcast, null, WebSession.signUp(name(), "a long passphrase"));
        member.next("history");
        member.post("hello");
        assertEquals("hello", member.next("message").getString("text"));
    }

    @Test
    void invisibleAndDirectionControlsAreRemovedFromMessages() throws Exception {
        String owner = name();
        WebSession.signUp(owner, "a long passphrase");
        Chat guest = join(liveBroadcastOf(owner), "nick=trickster", null);
        guest.next("history");
        guest.post("visit evil\u202Egpj.exe\u200B now");
        assertEquals("visit evilgpj.exe now", guest.next("message").getString("text"));
        guest.post("\u200B\u200D\u2066");
        assertEquals("empty", guest.next("error").getString("code"));
    }

    @Test
    void ownerDeletesAMessageAndItIsGoneFromHistory() throws Exception {
        String owner = name();
        WebSession session = WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        Chat host = join(broadcast, null, session);
        host.next("history");
        Chat guest = join(broadcast, "nick=rude", null);
        guest.next("history");
        guest.post("something rude");
        long id = host.next("message").getLong("id");
        guest.send(new JsonObject().put("type", "delete").put("id", id));
        assertEquals("forbidden", guest.next("error").getString("code"), "guests do not moderate");
        host.send(new JsonObject().put("type", "delete").put("id", id));
        assertEquals(id, guest.next("deleted").getLong("id"));
        assertTrue(join(broadcast, null, null).next("history").getJsonArray("messages").isEmpty());
    }

    @Test
    void bannedAndTimedOutChattersCannotPost() throws Exception {
        String owner = name();
        WebSession session = WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        Chat host = join(broadcast, null, session);
        host.next("history");
        Chat troll = join(broadcast, "nick=troll", null);
        troll.next("history");
        host.send(new JsonObject().put("type", "ban").put("author", "troll").put("guest", true));
        assertTrue(troll.next("notice").getString("text").contains("troll (guest) was banned"));
        troll.post("still here?");
        assertEquals("banned", troll.next("error").getString("code"));

        String chatterName = name();
        WebSession chatterSession = WebSession.signUp(chatterName, "a long passphrase");
        Chat chatter = join(broadcast, null, chatterSession);
        chatter.next("history");
        host.send(new JsonObject().put("type", "timeout").put("author", chatterName).put("seconds", 60));
        chatter.next("notice");
        chatter.post("hello?");
        JsonObject error = chatter.next("error");
        assertEquals("timed-out", error.getString("code"));
        assertTrue(error.getString("message").matches("You are timed out for \\d+ more seconds\\."));
        host.send(new JsonObject().put("type", "ban").put("author", owner));
        assertEquals("bad-target", host.next("error").getString("code"), "the owner cannot be banned");
    }

    @Test
    void slowModeSpacesOutMessagesButNotTheOwners() throws Exception {
        String owner = name();
        WebSession session = WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        Chat host = join(broadcast, null, session);
        host.next("history");
        host.send(new JsonObject().put("type", "slow").put("seconds", 30));
        assertEquals(30, host.next("slow").getInteger("seconds"));
        Chat guest = join(broadcast, "nick=patient", null);
        assertEquals(30, guest.next("welcome").getInteger("seconds"));
        guest.post("first");
        guest.next("message");
        guest.post("second");
        assertEquals("slow-mode", guest.next("error").getString("code"));
        host.post("owner one");
        host.post("owner two");
        assertEquals("owner one", guest.next("message").getString("text"));
        assertEquals("owner two", guest.next("message").getString("text"), "the owner is not slowed down");
    }

    @Test
    void unknownBroadcastIsAnError() throws Exception {
        Chat c = join("nosuchbroadcast0", null, null);
        assertEquals("unknown-broadcast", c.next("error").getString("code"));
    }

    @Test
    void endedBroadcastKeepsItsHistoryButTakesNoPosts() throws Exception {
        String owner = name();
        WebSession.signUp(owner, "a long passphrase");
        String broadcast = liveBroadcastOf(owner);
        QuarkusTransaction.requiringNew().run(() -> Broadcast.<Broadcast>findById(broadcast).state = BroadcastState.ENDED);
        Chat guest = join(broadcast, "nick=late", null);
        guest.next("history");
        guest.post("anyone?");
        assertEquals("closed", guest.next("error").getString("code"));
        assertNull(guest.inbox().poll(300, TimeUnit.MILLISECONDS));
    }
}
