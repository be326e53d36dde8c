package org.defiancenetwork.channel;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Accounts, their channels and stream keys: the API other features use. */
@ApplicationScoped
public class ChannelService {

    public record SignUp(ChannelView channel, Map<String, String> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    public record NewStreamKey(ChannelView channel, String streamKey) {
    }

    private static final int BCRYPT_COST = 12;

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
        return new SignUp(ChannelView.of(channel), Map.of());
    }

    @Transactional
    public Optional<ChannelView> ownedBy(String username) {
        return Optional.ofNullable(Channel.findByOwner(username)).map(ChannelView::of);
    }

    @Transactional
    public Optional<ChannelView> bySlug(String slug) {
        return Optional.ofNullable(Channel.findBySlug(slug)).map(ChannelView::of);
    }

    @Transactional
    public ChannelView describe(String owner, String title, String description) {
        Channel channel = ownChannel(owner);
        channel.title = title;
        channel.description = description;
        return ChannelView.of(channel);
    }

    /** Creates or replaces the key: an old one stops working at once. The result is the only copy. */
    @Transactional
    public NewStreamKey rotateStreamKey(String owner) {
        Channel channel = ownChannel(owner);
        String key = StreamKey.generate();
        channel.streamKeyHash = StreamKey.hash(key);
        channel.streamKeyCreatedAt = Instant.now();
        return new NewStreamKey(ChannelView.of(channel), key);
    }

    /**
     * Who may broadcast on a channel: whoever presents its stream key, or its owner signed in on
     * this node. Empty when neither holds.
     */
    @Transactional
    public Optional<ChannelView> authorizeIngest(String slug, String streamKey, String signedInUser) {
        Channel channel = Channel.findBySlug(slug);
        if (channel == null) {
            return Optional.empty();
        }
        boolean keyMatches = streamKey != null && StreamKey.matches(streamKey, channel.streamKeyHash);
        boolean owner = streamKey == null && signedInUser != null && channel.owner != null
                && channel.owner.username.equals(signedInUser);
        return keyMatches || owner ? Optional.of(ChannelView.of(channel)) : Optional.empty();
    }

    private static Channel ownChannel(String owner) {
        Channel channel = Channel.findByOwner(owner);
        if (channel == null) {
            throw new IllegalStateException("account " + owner + " has no channel");
        }
        return channel;
    }
}
