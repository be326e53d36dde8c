package org.defiancenetwork.chat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Chat rules of this node. */
@ConfigMapping(prefix = "defiance.chat")
public interface ChatConfig {

    /** Only signed-in accounts may post; guests can still read. */
    @WithDefault("false")
    boolean requireSignIn();

    /** Longest message, in characters. */
    @WithDefault("500")
    @Min(1)
    @Max(2000)
    int maxLength();

    /** Messages a newcomer receives from before it joined. */
    @WithDefault("50")
    @Min(0)
    @Max(500)
    int history();

    /** Average messages per minute one chatter may send. */
    @WithDefault("20")
    @Min(1)
    int messagesPerMinute();

    /** Messages in a quick burst above that average. */
    @WithDefault("5")
    @Min(1)
    int burst();

    /**
     * Average messages per minute from one network address, all its connections, nicknames and
     * accounts together: opening more sockets or taking new nicknames does not buy more messages.
     */
    @WithDefault("40")
    @Min(1)
    int messagesPerMinutePerAddress();

    /** Messages in a quick burst from one address. */
    @WithDefault("10")
    @Min(1)
    int burstPerAddress();
}
