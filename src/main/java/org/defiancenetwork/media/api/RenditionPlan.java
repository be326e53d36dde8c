package org.defiancenetwork.media.api;

import java.util.ArrayList;
import java.util.List;

import org.defiancenetwork.media.TranscoderConfig;

/** A rendition with its concrete picture size for one source: what FFmpeg is told to make. */
public record RenditionPlan(String name, int width, int height, int videoKbps) {

    /**
     * The ladder for a source of the given size: each configured rendition scaled down (never up)
     * with the source's aspect ratio and even dimensions; rungs that would repeat a larger one's
     * height are left out, and bitrates shrink with the picture.
     */
    public static List<RenditionPlan> ladder(int sourceWidth, int sourceHeight, List<TranscoderConfig.Rendition> configured) {
        if (sourceWidth < 2 || sourceHeight < 2) {
            throw new IllegalArgumentException("source must be at least 2x2, got " + sourceWidth + "x" + sourceHeight);
        }
        List<RenditionPlan> plans = new ArrayList<>();
        for (TranscoderConfig.Rendition r : configured) {
            int height = even(Math.min(r.maxHeight(), sourceHeight));
            int width = even((int) Math.round((double) sourceWidth * height / sourceHeight));
            boolean repeatsALargerRung = plans.stream().anyMatch(p -> p.height() <= height);
            if (repeatsALargerRung) {
                continue;
            }
            int kbps = (int) Math.max(100, Math.round(r.videoKbps() * (double) height / r.maxHeight()));
            plans.add(new RenditionPlan(r.name(), width, height, kbps));
        }
        return List.copyOf(plans);
    }

    private static int even(int value) {
        return Math.max(2, value - (value % 2));
    }
}
