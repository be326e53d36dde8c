package org.defiancenetwork.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.live.api.BroadcastState;
import org.defiancenetwork.live.api.BroadcastSummary;
import org.defiancenetwork.live.api.Broadcasts;
import org.defiancenetwork.platform.KeyedRateLimits;
import org.defiancenetwork.platform.RateLimit;
import org.defiancenetwork.platform.events.EventChannels;
import org.defiancenetwork.platform.events.EventJson;
import org.defiancenetwork.platform.text.PlainText;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;

/**
 * The rules of chat: who may post what and how often, and the owner's moderation. Accepted
 * messages are stored, then announced on chat-messages so every node's chatters get them.
 */
@ApplicationScoped
public class ChatService {

    /** A refusal, with a code for programs and a sentence for people. */
    public static final class Refused extends Exception {
        final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The chat of one broadcast, as far as the rules need to know it. */
    public record Room(String broadcastId, long channelId, String channelSlug, String owner, boolean live) {
    }

    /** A message as chatters see it. */
    @RegisterForReflection
    public record Line(long id, String author, boolean guest, String text, Instant at) {
        static Line of(ChatMessage m) {
            return new Line(m.id, m.author, m.guest, m.body, m.createdAt);
        }
    }

    private final ChatConfig config;
    private final Broadcasts broadcasts;
    private final Channels channels;
    private final Emitter<String> out;
    private final EventJson json;
    private final Map<String, RateLimit> rates = new ConcurrentHashMap<>();
    private final KeyedRateLimits addressRates;
    private final ChatRooms rooms;
    private final Map<String, Instant> lastPost = new ConcurrentHashMap<>();

    ChatService(ChatConfig config, Broadcasts broadcasts, Channels channels,
            @org.eclipse.microprofile.reactive.messaging.Channel(EventChannels.CHAT_MESSAGES_OUT) Emitter<String> out,
            EventJson json, ChatRooms rooms) {
        this.config = config;
        this.rooms = rooms;
        this.addressRates = new KeyedRateLimits(config.messagesPerMinutePerAddress() / 60.0, config.burstPerAddress(), 100_000);
        this.broadcasts = broadcasts;
        this.channels = channels;
        this.out = out;
        this.json = json;
    }

    public ChatConfig config() {
        return config;
    }

    public Optional<Room> room(String broadcastId) {
        return broadcasts.summary(broadcastId).flatMap(b -> channels.bySlug(b.channelSlug())
                .map(channel -> new Room(b.id(), channel.id(), b.channelSlug(), channel.owner(),
                        b.state() == BroadcastState.LIVE)));
    }

    public List<Line> history(String broadcastId) {
        return QuarkusTransaction.requiringNew().call(() -> ChatMessage.recent(broadcastId, config.history()))
                .stream().map(Line::of).toList();
    }

    public int slowSeconds(Room room) {
        return channels.chatSlowSeconds(room.channelId());
    }

    /** A new connection's own budget: the same as a chatter's, so extra sockets buy nothing. */
    RateLimit connectionRate() {
        return new RateLimit(config.messagesPerMinute() / 60.0, config.burst(), System.nanoTime());
    }

    public Line post(Room room, Chatter chatter, RateLimit connection, String text) throws Refused {
        String body = PlainText.line(text);
        if (body.isEmpty()) {
            throw new Refused("empty", "Write something first.");
        }
        if (body.codePointCount(0, body.length()) > config.maxLength()) {
            throw new Refused("too-long", "Messages are limited to " + config.maxLength() + " characters.");
        }
        if (chatter.guest() && config.requireSignIn()) {
            throw new Refused("sign-in-required", "Sign in to chat on this node.");
        }
        if (!room.live()) {
            throw new Refused("closed", "The broadcast is not live; its chat is closed.");
        }
        Instant now = Instant.now();
        ChatRestriction restriction = QuarkusTransaction.requiringNew()
                .call(() -> ChatRestriction.current(room.channelId(), chatter.key(), now));
        if (restriction == null && chatter.guest() && chatter.address() != null) {
            restriction = QuarkusTransaction.requiringNew()
                    .call(() -> ChatRestriction.currentForAddress(room.channelId(), chatter.address(), now));
        }
        if (restriction != null && restriction.until == null) {
            throw new Refused("banned", "You are banned from this chat.");
        }
        if (restriction != null) {
            throw new Refused("timed-out", "You are timed out for " + Duration.between(now, restriction.until).toSeconds()
                    + " more seconds.");
        }
        // Every budget must allow it: the connection's, the chatter's (all its sockets) and the
        // address's (all its sockets, nicknames and accounts). Moderators are not limited here.
        long nanos = System.nanoTime();
        boolean connectionAllows = chatter.moderator() || connection == null || connection.tryAcquire(nanos);
        boolean chatterAllows = chatter.moderator() || rates.computeIfAbsent(chatter.key(),
                k -> new RateLimit(config.messagesPerMinute() / 60.0, config.burst(), nanos)).tryAcquire(nanos);
        boolean addressAllows = chatter.moderator() || chatter.address() == null || addressRates.tryAcquire(chatter.address(), nanos);
        if (!connectionAllows || !chatterAllows || !addressAllows) {
            throw new Refused("rate-limited", "You are sending messages too fast; wait a moment.");
        }
        int slow = chatter.moderator() ? 0 : slowSeconds(room);
        String slowKey = room.channelId() + ":" + chatter.key();
        Instant previous = lastPost.get(slowKey);
        if (slow > 0 && previous != null && previous.plusSeconds(slow).isAfter(now)) {
            throw new Refused("slow-mode", "Slow mode: one message every " + slow + " seconds.");
        }
        lastPost.put(slowKey, now);
        ChatMessage message = new ChatMessage();
        message.broadcastId = room.broadcastId();
        message.author = chatter.name();
        message.guest = chatter.guest();
        message.body = body;
        message.createdAt = now;
        QuarkusTransaction.requiringNew().run(message::persist);
        publish(new ChatEvent(room.broadcastId(), ChatEvent.Kind.MESSAGE, message.id, message.author, message.guest,
                message.body, null, now));
        return Line.of(message);
    }

    public void delete(Room room, Chatter moderator, long messageId) throws Refused {
        requireModerator(moderator);
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> ChatMessage.update(
                "deleted = true where id = ?1 and broadcastId = ?2", messageId, room.broadcastId()) > 0);
        if (!deleted) {
            throw new Refused("unknown-message", "There is no such message in this chat.");
        }
        publish(new ChatEvent(room.broadcastId(), ChatEvent.Kind.DELETED, messageId, null, false, null, null, Instant.now()));
    }

    /** Bans (seconds null) or times out a chatter in the channel's chat. */
    public void restrict(Room room, Chatter moderator, String author, boolean guest, Integer seconds) throws Refused {
        requireModerator(moderator);
        if (author == null || author.isBlank() || (!guest && author.equals(room.owner()))) {
            throw new Refused("bad-target", "Name a chatter other than the channel's owner.");
        }
        if (seconds != null && (seconds < 1 || seconds > 7 * 24 * 3600)) {
            throw new Refused("bad-duration", "A time-out lasts from 1 second to 7 days.");
        }
        Chatter target = new Chatter(author, guest, false, null);
        Instant now = Instant.now();
        // A guest is restricted by nickname and by every address it chats from here, so taking a new
        // nickname does not lift it.
        java.util.Set<String> addresses = guest ? rooms.guestAddresses(room.broadcastId(), author) : java.util.Set.of();
        java.util.List<String> addressHashes = addresses.isEmpty() ? java.util.Collections.singletonList(null)
                : java.util.List.copyOf(addresses);
        QuarkusTransaction.requiringNew().run(() -> {
            for (String address : addressHashes) {
                ChatRestriction r = new ChatRestriction();
                r.channelId = room.channelId();
                r.author = target.key();
                r.addressHash = address;
                r.createdAt = now;
                r.until = seconds == null ? null : now.plusSeconds(seconds);
                r.persist();
            }
        });
        String who = guest ? author + " (guest)" : author;
        publish(new ChatEvent(room.broadcastId(), ChatEvent.Kind.NOTICE, null, author, guest,
                seconds == null ? who + " was banned from the chat." : who + " was timed out for " + seconds + " seconds.",
                seconds, now));
    }

    public void unban(Room room, Chatter moderator, String author, boolean guest) throws Refused {
        requireModerator(moderator);
        String key = new Chatter(author, guest, false, null).key();
        QuarkusTransaction.requiringNew().run(() -> ChatRestriction.delete("channelId = ?1 and author = ?2", room.channelId(), key));
    }

    public void slowMode(Room room, Chatter moderator, int seconds) throws Refused {
        requireModerator(moderator);
        if (seconds < 0 || seconds > 3600) {
            throw new Refused("bad-duration", "Slow mode lasts from 0 (off) to 3600 seconds.");
        }
        channels.setChatSlowSeconds(room.channelId(), seconds);
        publish(new ChatEvent(room.broadcastId(), ChatEvent.Kind.SLOW, null, null, false, null, seconds, Instant.now()));
    }

    /** Rate limiters of chatters who went quiet are forgotten, so the map does not grow forever. */
    @Scheduled(every = "10m")
    void forgetQuietChatters() {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        lastPost.values().removeIf(at -> at.isBefore(hourAgo));
        rates.keySet().removeIf(key -> lastPost.keySet().stream().noneMatch(k -> k.endsWith(":" + key)));
    }

    /** Lets every address post at once again (tests, which all chat from 127.0.0.1). */
    void forgetAddresses() {
        addressRates.clear();
    }

    private static void requireModerator(Chatter chatter) throws Refused {
        if (!chatter.moderator()) {
            throw new Refused("forbidden", "Only the channel's owner moderates its chat.");
        }
    }

    private void publish(ChatEvent event) {
        out.send(json.write(event));
    }
}
