package org.defiancenetwork.channel;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.defiancenetwork.channel.api.ChannelView;
import org.defiancenetwork.channel.api.Channels;
import org.defiancenetwork.platform.Ids;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Accounts, their channels and stream keys: the API other features use. */
@ApplicationScoped
public class ChannelService implements Channels {

    public record SignUp(ChannelView channel, Map<String, String> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    public record NewStreamKey(ChannelView channel, String streamKey) {
    }

    private static final int BCRYPT_COST = 12;

    private final Ids ids;

    ChannelService(Ids ids) {
        this.ids = ids;
    }

    @Transactional
    public SignUp signUp(SignUpForm form) {
        Map<String, String> problems = form.problems();
        if (problems.isEmpty() && (Account.findByUsername(form.username()) != null
                || Channel.findBySlug(form.username()) != null)) {
            problems = Map.of("username", "This name is taken.");
        }
        if (!problems.isEmpty()) {
            return new SignUp(null, problems);
        }
        Account account = new Account();
        account.username = form.username();
        account.passwordHash = BcryptUtil.bcryptHash(form.password(), BCRYPT_COST);
        // The first account on a fresh node is its operator.
        account.roles = Account.count() == 0 ? Account.BROADCASTER + "," + Account.ADMIN : Account.BROADCASTER;
        account.createdAt = Instant.now();
        account.persist();

        Channel channel = new Channel();
        channel.slug = account.username;
        channel.title = account.username + "'s channel";
        channel.owner = account;
        channel.createdAt = account.createdAt;
        // No stream key yet: the browser broadcast page signs in instead; a key for other WHIP
        // clients is created on the settings page, where it is shown once.
        channel.persist();
        return new SignUp(view(channel), Map.of());
    }

    @Override
    @Transactional
    public Optional<ChannelView> byId(long id) {
        return Optional.ofNullable(Channel.<Channel>findById(id)).map(ChannelService::view);
    }

    @Override
    @Transactional
    public Map<Long, ChannelView> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Channel.<Channel>list("id in ?1", Set.copyOf(ids)).stream()
                .collect(Collectors.toMap(c -> c.id, ChannelService::view));
    }

    @Override
    @Transactional
    public int chatSlowSeconds(long channelId) {
        Channel channel = Channel.findById(channelId);
        return channel == null ? 0 : channel.chatSlowSeconds;
    }

    @Override
    @Transactional
    public void setChatSlowSeconds(long channelId, int seconds) {
        Channel channel = Channel.findById(channelId);
        if (channel != null) {
            channel.chatSlowSeconds = seconds;
        }
    }

    @Override
    @Transactional
    public Optional<ChannelView> ownedBy(String username) {
        return Optional.ofNullable(Channel.findByOwner(username)).map(ChannelService::view);
    }

    @Override
    @Transactional
    public Optional<ChannelView> bySlug(String slug) {
        return Optional.ofNullable(Channel.findBySlug(slug)).map(ChannelService::view);
    }

    @Transactional
    public ChannelView describe(String owner, String title, String description) {
        Channel channel = ownChannel(owner);
        channel.title = title;
        channel.description = description;
        return view(channel);
    }

    /** Creates or replaces the key: an old one stops working at once. The result is the only copy. */
    @Transactional
    public NewStreamKey rotateStreamKey(String owner) {
        Channel channel = ownChannel(owner);
        String key = StreamKey.generate(ids);
        channel.streamKeyHash = StreamKey.hash(key);
        channel.streamKeyCreatedAt = Instant.now();
        return new NewStreamKey(view(channel), key);
    }

    /**
     * Who may broadcast on a channel: whoever presents its stream key, or its owner signed in on
     * this node. Empty when neither holds.
     */
    @Override
    @Transactional
    public Optional<ChannelView> authorizeIngest(String slug, String streamKey, String signedInUser) {
        Channel channel = Channel.findBySlug(slug);
        if (channel == null) {
            return Optional.empty();
        }
        boolean keyMatches = streamKey != null && StreamKey.matches(streamKey, channel.streamKeyHash);
        boolean owner = streamKey == null && signedInUser != null && channel.owner != null
                && channel.owner.username.equals(signedInUser);
        return keyMatches || owner ? Optional.of(view(channel)) : Optional.empty();
    }

    static ChannelView view(Channel c) {
        return new ChannelView(c.id, c.slug, c.title, c.description, c.owner == null ? null : c.owner.username,
                c.streamKeyCreatedAt);
    }

    private static Channel ownChannel(String owner) {
        Channel channel = Channel.findByOwner(owner);
        if (channel == null) {
            throw new IllegalStateException("account " + owner + " has no channel");
        }
        return channel;
    }
}
