package org.defiancenetwork.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.defiancenetwork.media.api.RenditionPlan;
import org.junit.jupiter.api.Test;

class RenditionPlanTest {

    record Rung(String name, int maxHeight, int videoKbps) implements TranscoderConfig.Rendition {
    }

    static final List<TranscoderConfig.Rendition> DEFAULT = List.of(new Rung("source", 720, 2500), new Rung("360p", 360, 800));

    @Test
    void hdSourceIsCappedAt720pWithA360pRung() {
        assertEquals(List.of(new RenditionPlan("source", 1280, 720, 2500), new RenditionPlan("360p", 640, 360, 800)),
                RenditionPlan.ladder(1920, 1080, DEFAULT));
    }

    @Test
    void smallerSourceKeepsItsSizeAndGetsProportionalBitrate() {
        assertEquals(List.of(new RenditionPlan("source", 640, 480, 1667), new RenditionPlan("360p", 480, 360, 800)),
                RenditionPlan.ladder(640, 480, DEFAULT));
    }

    @Test
    void neverUpscalesAndDropsRungsThatWouldRepeat() {
        assertEquals(List.of(new RenditionPlan("source", 426, 240, 833)), RenditionPlan.ladder(426, 240, DEFAULT));
        assertEquals(List.of(new RenditionPlan("source", 640, 360, 1250)), RenditionPlan.ladder(640, 360, DEFAULT));
    }

    @Test
    void dimensionsAreEvenForYuv420() {
        RenditionPlan portrait = RenditionPlan.ladder(721, 1283, DEFAULT).get(0);
        assertEquals(0, portrait.width() % 2);
        assertEquals(0, portrait.height() % 2);
        assertEquals(720, portrait.height());
    }

    @Test
    void refusesDegenerateSource() {
        assertThrows(IllegalArgumentException.class, () -> RenditionPlan.ladder(0, 480, DEFAULT));
    }
}
