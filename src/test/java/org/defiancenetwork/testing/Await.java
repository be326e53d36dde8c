package org.defiancenetwork.testing;

import java.time.Duration;
import java.time.Instant;

/** Polls a condition until it holds; for servers, where no browser wait applies. */
public final class Await {

    private Await() {
    }

    /** A check that may fail while the condition does not hold yet. */
    public interface Probe<T> {
        T get() throws Exception;
    }

    public static <T> T until(Duration timeout, String what, Probe<T> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
    }
}
