package org.defiancenetwork.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Runs the cast UI's own unit tests (web/cast/*.test.js, node --test) as part of the build. */
class CastPolicyScriptTest {

    @Test
    void castUiRulesPassTheirNodeTests() throws Exception {
        Process node = new ProcessBuilder("node", "--test", "web/cast/").redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        node.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, node.exitValue(), out);
    }
}
