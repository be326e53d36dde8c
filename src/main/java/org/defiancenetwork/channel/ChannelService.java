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

import io.quarkus.narayana.jta.QuarkusTransaction;

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

    private final Ids ids;
    private final Passwords passwords;

    ChannelService(Ids ids, Passwords passwords) {
        this.ids = ids;
        this.passwords = passwords;
    }

    /** Creates the account and its channel; the password is hashed before the transaction opens. */
    public SignUp signUp(SignUpForm form) throws Passwords.Busy {
        Map<String, String> problems = form.problems();
        if (problems.isEmpty() && QuarkusTransaction.requiringNew().call(() -> taken(form.username()))) {
            problems = Map.of("username", "This name is taken.");
        }
        if (!problems.isEmpty()) {
            return new SignUp(null, problems);
        }
        String hash = passwords.hash(form.password());
        try {
            return QuarkusTransaction.requiringNew().call(() -> create(form.username(), hash));
        } catch (RuntimeException raced) {
            // someone took the name between the check and the insert
            if (QuarkusTransaction.requiringNew().call(() -> taken(form.username()))) {
                return new SignUp(null, Map.of("username", "This name is taken."));
            }
            throw raced;
        }
    }

    private SignUp create(String username, String passwordHash) {
        Account account = new Account();
        account.username = username;
        account.passwordHash = passwordHash;
        account.roles = Account.BROADCASTER;
        account.createdAt = Instant.now();
        account.persistAndFlush();
        // The first account on a fresh node is its operator. One conditional update on one row
        // decides it, so of several simultaneous first sign-ups exactly one wins.
        int claimed = Account.getEntityManager()
                .createNativeQuery("update node_operator set account_id = ?1 where account_id is null")
                .setParameter(1, account.id).executeUpdate();
        if (claimed == 1) {
            account.roles = Account.BROADCASTER + "," + Account.ADMIN;
        }

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

    private static boolean taken(String username) {
        return Account.findByUsername(username) != null || Channel.findBySlug(username) != null;
    }

    /** The account with this name, or null. */
    Account account(String username) {
        return QuarkusTransaction.requiringNew().call(() -> Account.findByUsername(username));
    }

    /** Ends every session of the account (sign-out everywhere); returns the account as it is now. */
    Account endSessions(String username) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findByUsername(username);
            if (account != null) {
                account.sessionVersion++;
            }
            return account;
        });
    }

    /** Sets a new password (already checked) and ends every session; returns the account as it is now. */
    Account changePassword(String username, String newPassword) throws Passwords.Busy {
        String hash = passwords.hash(newPassword);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account account = Account.findByUsername(username);
            account.passwordHash = hash;
            account.sessionVersion++;
            return account;
        });
    }

    /** A new personal API token for the account; the result is the only copy of the secret. */
    String createApiToken(String username, String name) {
        String secret = ApiToken.PREFIX + ids.token(24);
        QuarkusTransaction.requiringNew().run(() -> {
            ApiToken token = new ApiToken();
            token.account = Account.findByUsername(username);
            token.name = name;
            token.tokenHash = org.defiancenetwork.platform.Hashing.sha256Hex(secret);
            token.createdAt = Instant.now();
            token.persist();
        });
        return secret;
    }

    java.util.List<ApiToken> apiTokens(String username) {
        return QuarkusTransaction.requiringNew().call(() -> ApiToken.ofAccount(username));
    }

    /** Revokes one of the account's own tokens; false when it has no such token. */
    boolean revokeApiToken(String username, long tokenId) {
        return QuarkusTransaction.requiringNew().call(
                () -> ApiToken.delete("id = ?1 and account.id in (select a.id from Account a where a.username = ?2)",
                        tokenId, username) > 0);
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
