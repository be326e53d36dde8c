package org.defiancenetwork.live;

import jakarta.enterprise.context.ApplicationScoped;

import org.defiancenetwork.platform.KeyedRateLimits;

/**
 * How often WHIP offers may come. Every answered offer holds a broadcast slot until its client
 * connects or the connect timeout passes, so an open sign-up could otherwise keep every slot busy.
 */
@ApplicationScoped
class OfferLimits {

    /** Too many offers; {@code retryAfterSeconds} goes into Retry-After. */
    static final class TooMany extends Exception {
        final long retryAfterSeconds;

        TooMany(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final KeyedRateLimits perAccount;
    private final KeyedRateLimits perAddress;

    OfferLimits(LiveConfig config) {
        this.perAccount = new KeyedRateLimits(config.offersPerMinutePerAccount() / 60.0, config.offersPerMinutePerAccount(), 100_000);
        this.perAddress = new KeyedRateLimits(config.offersPerMinutePerAddress() / 60.0, config.offersPerMinutePerAddress(), 100_000);
    }

    /** Counted before credentials are checked, so guessing stream keys is throttled too. */
    void fromAddress(String address) throws TooMany {
        if (!perAddress.tryAcquire(address)) {
            throw new TooMany("Too many WHIP offers from your address; wait a moment and try again.",
                    perAddress.retryAfterSeconds());
        }
    }

    void forChannel(long channelId) throws TooMany {
        if (!perAccount.tryAcquire(Long.toString(channelId))) {
            throw new TooMany("Too many WHIP offers for this channel; wait a moment and try again.",
                    perAccount.retryAfterSeconds());
        }
    }
}
