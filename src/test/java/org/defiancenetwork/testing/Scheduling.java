package org.defiancenetwork.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Linux scheduling policies of processes and threads, read from /proc (0 is SCHED_OTHER). */
public final class Scheduling {

    public static final int SCHED_OTHER = 0;

    private Scheduling() {
    }

    /** The policy of a process's main thread. */
    public static int policy(long pid) throws IOException {
        return policyIn(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Thread name (with its id, names repeat) to policy, for every thread of a process. */
    public static Map<String, Integer> threadPolicies(long pid) throws IOException {
        Map<String, Integer> policies = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    policies.put(name + "#" + task.getFileName(), policyIn(task.resolve("stat")));
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return policies;
    }

    private static int policyIn(Path stat) throws IOException {
        String text = Files.readString(stat);
        // fields after "(comm) " start at field 3; policy is field 41 (proc(5))
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }
}
