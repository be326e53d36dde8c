package org.defiancenetwork.mesh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.mesh.api.RelayCredit;
import org.defiancenetwork.mesh.api.RelayLedger;
import org.defiancenetwork.platform.Hashing;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The relay ledger. Confirmed deliveries and active time are counted in memory as they are
 * reported (signaling threads never wait for the database) and added to the rows on each
 * {@link #flush()}, as increments, so nodes serving the same recording do not overwrite each other.
 */
@ApplicationScoped
class RelayCredits implements RelayLedger {

    private static final Logger LOG = Logger.getLogger(RelayCredits.class);
    /** Tallies with nothing to write are forgotten after this long without news. */
    private static final long FORGET_NANOS = 10L * 60 * 1_000_000_000L;

    /** Running totals of one account in one broadcast, as sent to its page. */
    record Tally(long bytes, int receivers) {
    }

    private record Key(String broadcastId, String account) {
    }

    /** Database figures (once loaded) plus what was counted here since the last write. Guarded by itself. */
    private static final class State {
        long baseBytes;
        long pendingBytes;
        long baseSeconds;
        double pendingSeconds;
        final Set<String> receivers = new HashSet<>();
        final Set<String> newReceivers = new HashSet<>();
        boolean loaded;
        long touchedNanos = System.nanoTime();

        boolean dirty() {
            return pendingBytes > 0 || pendingSeconds >= 1 || !newReceivers.isEmpty() || !loaded;
        }

        Tally tally() {
            return new Tally(baseBytes + pendingBytes, receivers.size());
        }
    }

    private final Map<Key, State> states = new ConcurrentHashMap<>();

    /** A receiver confirmed {@code bytes} from {@code account}'s peer; returns the account's new totals. */
    Tally delivered(String broadcastId, String account, long bytes, String receiverIdentity) {
        State s = states.computeIfAbsent(new Key(broadcastId, account), k -> new State());
        String receiver = Hashing.sha256Hex(broadcastId + "\n" + receiverIdentity);
        synchronized (s) {
            s.pendingBytes += bytes;
            if (s.receivers.add(receiver)) {
                s.newReceivers.add(receiver);
            }
            s.touchedNanos = System.nanoTime();
            return s.tally();
        }
    }

    /** {@code account} shared in the swarm for another {@code seconds}. */
    void active(String broadcastId, String account, double seconds) {
        if (seconds <= 0) {
            return;
        }
        State s = states.computeIfAbsent(new Key(broadcastId, account), k -> new State());
        synchronized (s) {
            s.pendingSeconds += seconds;
            s.touchedNanos = System.nanoTime();
        }
    }

    /** Writes what was counted since the last flush; a failed write is kept and tried again next time. */
    void flush() {
        long now = System.nanoTime();
        for (Map.Entry<Key, State> e : states.entrySet()) {
            Key key = e.getKey();
            State s = e.getValue();
            long bytes;
            long seconds;
            Set<String> receivers;
            boolean load;
            synchronized (s) {
                if (!s.dirty()) {
                    if (now - s.touchedNanos > FORGET_NANOS) {
                        states.remove(key, s);
                    }
                    continue;
                }
                bytes = s.pendingBytes;
                seconds = (long) s.pendingSeconds;
                receivers = Set.copyOf(s.newReceivers);
                load = !s.loaded;
            }
            try {
                Stored stored = QuarkusTransaction.requiringNew().call(() -> write(key, bytes, seconds, receivers, load));
                synchronized (s) {
                    s.pendingBytes -= bytes;
                    s.pendingSeconds -= seconds;
                    s.newReceivers.removeAll(receivers);
                    if (load) {
                        s.baseBytes = stored.bytes();
                        s.baseSeconds = stored.seconds();
                        s.receivers.addAll(stored.receivers());
                        s.loaded = true;
                    } else {
                        s.baseBytes += bytes;
                        s.baseSeconds += seconds;
                    }
                }
            } catch (RuntimeException failure) {
                LOG.warnf("relay credit for %s in %s not written yet: %s", key.account(), key.broadcastId(), failure.getMessage());
            }
        }
    }

    private record Stored(long bytes, long seconds, Set<String> receivers) {
    }

    private static Stored write(Key key, long bytes, long seconds, Set<String> receivers, boolean load) {
        Instant now = Instant.now();
        int updated = RelayCreditRow.update(
                "bytesDelivered = bytesDelivered + ?1, secondsActive = secondsActive + ?2, updatedAt = ?3 "
                        + "where broadcastId = ?4 and account = ?5",
                bytes, seconds, now, key.broadcastId(), key.account());
        if (updated == 0) {
            RelayCreditRow row = new RelayCreditRow();
            row.broadcastId = key.broadcastId();
            row.account = key.account();
            row.bytesDelivered = bytes;
            row.secondsActive = seconds;
            row.updatedAt = now;
            row.persist();
        }
        for (String receiver : receivers) {
            if (RelayReceiverRow.count("broadcastId = ?1 and account = ?2 and receiver = ?3", key.broadcastId(), key.account(),
                    receiver) == 0) {
                RelayReceiverRow r = new RelayReceiverRow();
                r.broadcastId = key.broadcastId();
                r.account = key.account();
                r.receiver = receiver;
                r.persist();
            }
        }
        if (!load) {
            return null;
        }
        RelayCreditRow row = RelayCreditRow.find("broadcastId = ?1 and account = ?2", key.broadcastId(), key.account()).firstResult();
        Set<String> all = new HashSet<>();
        RelayReceiverRow.<RelayReceiverRow> stream("broadcastId = ?1 and account = ?2", key.broadcastId(), key.account())
                .forEach(r -> all.add(r.receiver));
        return new Stored(row.bytesDelivered, row.secondsActive, all);
    }

    @Override
    public List<RelayCredit> forBroadcast(String broadcastId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Map<String, RelayCreditRow> rows = new HashMap<>();
            RelayCreditRow.<RelayCreditRow> stream("broadcastId", broadcastId).forEach(row -> rows.put(row.account, row));
            Set<String> accounts = new HashSet<>(rows.keySet());
            states.keySet().stream().filter(k -> k.broadcastId().equals(broadcastId)).forEach(k -> accounts.add(k.account()));
            List<RelayCredit> list = new ArrayList<>();
            for (String account : accounts) {
                Key key = new Key(broadcastId, account);
                RelayCredit c = combine(key, rows.get(account), states.get(key));
                if (c.bytesDelivered() > 0 || c.receivers() > 0 || c.minutesActive() > 0) {
                    list.add(c);
                }
            }
            list.sort(Comparator.comparingLong(RelayCredit::bytesDelivered).reversed().thenComparing(RelayCredit::account));
            return list;
        });
    }

    @Override
    public Optional<RelayCredit> of(String broadcastId, String account) {
        Key key = new Key(broadcastId, account);
        RelayCredit c = QuarkusTransaction.joiningExisting().call(() -> combine(key,
                RelayCreditRow.<RelayCreditRow> find("broadcastId = ?1 and account = ?2", broadcastId, account).firstResult(),
                states.get(key)));
        return c.bytesDelivered() > 0 || c.receivers() > 0 || c.minutesActive() > 0 ? Optional.of(c) : Optional.empty();
    }

    @Override
    public List<RelayCredit> forAccount(String account, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> RelayCreditRow
                .<RelayCreditRow> find("account = ?1 order by updatedAt desc", account).page(0, limit).list().stream()
                .map(row -> combine(new Key(row.broadcastId, account), row, states.get(new Key(row.broadcastId, account))))
                .toList());
    }

    /** The stored row (if any) plus what this node counted and has not written yet. */
    private static RelayCredit combine(Key key, RelayCreditRow row, State s) {
        long bytes = row == null ? 0 : row.bytesDelivered;
        long seconds = row == null ? 0 : row.secondsActive;
        long receivers = RelayReceiverRow.count("broadcastId = ?1 and account = ?2", key.broadcastId(), key.account());
        Set<String> unwritten = Set.of();
        if (s != null) {
            synchronized (s) {
                bytes += s.pendingBytes;
                seconds += (long) s.pendingSeconds;
                unwritten = Set.copyOf(s.newReceivers);
            }
        }
        for (String r : unwritten) {
            if (RelayReceiverRow.count("broadcastId = ?1 and account = ?2 and receiver = ?3", key.broadcastId(), key.account(), r) == 0) {
                receivers++;
            }
        }
        return new RelayCredit(key.broadcastId(), key.account(), bytes, (int) receivers, seconds / 60);
    }
}
