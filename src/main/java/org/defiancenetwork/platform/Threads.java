package org.defiancenetwork.platform;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place the node makes threads. WebRTC runs its media threads SCHED_FIFO where the kernel
 * allows it, and Linux hands a thread's scheduling policy to every thread and process it creates.
 * A pool that grew on demand from a WebRTC callback would make its thread, and every FFmpeg it
 * started, a real-time task that starves the machine. So every pool made here is fixed in size and
 * has all its threads started at once, on the (ordinary) thread that asks for it; nothing here
 * ever creates a thread later.
 */
public final class Threads {

    private Threads() {
    }

    /** Daemon threads named {@code name-N}, with the application's class loader (CDI, transactions). */
    public static ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        ClassLoader loader = Threads.class.getClassLoader();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        };
    }

    /** A fixed pool with every thread already running and an unbounded queue. */
    public static ThreadPoolExecutor fixedPool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory(name));
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** A single-threaded scheduler whose thread is already running. */
    public static ScheduledThreadPoolExecutor scheduler(String name) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, factory(name));
        timers.setRemoveOnCancelPolicy(true);
        timers.prestartAllCoreThreads();
        return timers;
    }

    /** One thread for a long-running loop (a reader, a pacer), started by the caller right away. */
    public static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setContextClassLoader(Threads.class.getClassLoader());
        return t;
    }
}
