package org.defiancenetwork.audigy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.defiancenetwork.platform.web.ByteRange;
import org.junit.jupiter.api.Test;

/** The small rules under the cache and the file server: eviction order, byte ranges, media types, IPFS gateways. */
class AudioCacheRulesTest {

    @Test
    void evictsLeastRecentlyPlayedUntilUnderTheCapButNeverTheNewCopy() {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        List<CacheEviction.Candidate> copies = List.of(
                new CacheEviction.Candidate("new", 400, t.plusSeconds(50)),
                new CacheEviction.Candidate("played-long-ago", 300, t.plusSeconds(1)),
                new CacheEviction.Candidate("never-played", 200, null),
                new CacheEviction.Candidate("played-recently", 300, t.plusSeconds(40)));
        assertEquals(List.of("never-played", "played-long-ago"), CacheEviction.choose(copies, 800, "new"));
        assertEquals(List.of(), CacheEviction.choose(copies, 1200, "new"));
        assertEquals(List.of("never-played", "played-long-ago", "played-recently"), CacheEviction.choose(copies, 100, "new"),
                "the copy just made stays even when it alone is over the cap");
    }

    @Test
    void byteRangesFollowRfc9110() throws Exception {
        assertEquals(Optional.empty(), ByteRange.parse(null, 100));
        assertEquals(Optional.of(new ByteRange(10, 19)), ByteRange.parse("bytes=10-19", 100));
        assertEquals(Optional.of(new ByteRange(90, 99)), ByteRange.parse("bytes=90-", 100));
        assertEquals(Optional.of(new ByteRange(80, 99)), ByteRange.parse("bytes=-20", 100));
        assertEquals(Optional.of(new ByteRange(50, 99)), ByteRange.parse("bytes=50-5000", 100));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 100), "several ranges: the whole file");
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=100-", 100));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 100));
        assertEquals("bytes 10-19/100", new ByteRange(10, 19).contentRange(100));
    }

    @Test
    void mediaTypesAreToldByTheFirstBytes() {
        assertEquals("audio/mpeg", AudioTypes.sniff("ID3\u0004".getBytes(), 4));
        assertEquals("audio/mpeg", AudioTypes.sniff(new byte[] { (byte) 0xff, (byte) 0xfb, (byte) 0x90, 0 }, 4));
        assertEquals("audio/aac", AudioTypes.sniff(new byte[] { (byte) 0xff, (byte) 0xf1, 0x50, (byte) 0x80 }, 4));
        assertEquals("audio/mp4", AudioTypes.sniff("\0\0\0\u0020ftypM4A ".getBytes(), 12));
        assertEquals("audio/ogg", AudioTypes.sniff("OggS\0\u0002".getBytes(), 6));
        assertEquals("audio/mp4", AudioTypes.fromName("https://a.example/x.M4A?token=1"));
        assertEquals("audio/mpeg", AudioTypes.fromName("https://a.example/episode"));
    }

    @Test
    void ipfsUrisGoThroughThePathGateway() {
        assertEquals(URI.create("https://gw.example/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1.mp3"),
                AudioOrigins.viaGateway(URI.create("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/1.mp3"),
                        "https://gw.example/"));
        assertEquals(URI.create("http://127.0.0.1:8081/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"),
                AudioOrigins.viaGateway(URI.create("ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"), "http://127.0.0.1:8081"));
    }

    @Test
    void podcastGuidIsTheSpecsUuidV5OfTheFeedUrl() {
        // The example of the Podcasting 2.0 namespace documentation for podcast:guid.
        assertEquals("917393e3-1b1e-5cef-ace4-edaa54e1f810",
                PodcastFeedWriter.podcastGuid("https://mp3s.nashownotes.com/pc20rss.xml").toString());
    }

    @Test
    void slugsAreSafeForUrls() {
        assertEquals("night-owls", Slugs.of("  Night Owls!  "));
        assertEquals("cafe-creme", Slugs.of("Café Crème"));
        assertEquals("collection-feed", Slugs.of("Feed"));
        assertEquals("collection", Slugs.of("???"));
        assertTrue(Slugs.of("x".repeat(200)).length() <= 60);
    }
}
