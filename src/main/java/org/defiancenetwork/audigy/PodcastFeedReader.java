package org.defiancenetwork.audigy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.defiancenetwork.audigy.augy.AugyValidator;
import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.audigy.augy.Finding;
import org.defiancenetwork.audigy.augy.Genre;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

/**
 * A podcast's RSS feed as an {@code .augy} catalogue (read with Rome, iTunes tags included): each
 * item with an audio enclosure becomes an entry whose id is the item's GUID when that is a UUID,
 * else a name-based UUID of the feed URL and the GUID, so refreshing the feed updates the same
 * entries. Items without a usable enclosure are left out with a warning.
 */
final class PodcastFeedReader {

    /** The catalogue made of a feed, and what was left out. */
    record Reading(Catalogue catalogue, List<Finding> findings) {
    }

    private PodcastFeedReader() {
    }

    static Reading read(byte[] xml, String feedUrl) throws FeedException, IOException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        SyndFeed feed = input.build(new XmlReader(new ByteArrayInputStream(xml)));
        FeedInformation show = feed.getModule(ITunes.URI) instanceof FeedInformation f ? f : null;
        List<Finding> findings = new ArrayList<>();

        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("podcast_feed", feedUrl);
        String image = show != null && show.getImageUri() != null ? show.getImageUri()
                : feed.getImage() != null ? feed.getImage().getUrl() : null;
        if (image != null) {
            extra.put("image", image);
        }
        List<String> tags = new ArrayList<>();
        if (show != null && show.getKeywords() != null) {
            tags.addAll(Arrays.stream(show.getKeywords()).map(String::strip).filter(k -> !k.isEmpty()).toList());
        }
        if (show != null && show.getCategories() != null) {
            show.getCategories().forEach(c -> tags.add(c.getName()));
        }
        String creator = show != null && show.getAuthor() != null ? show.getAuthor() : feed.getAuthor();
        String title = blank(feed.getTitle()) ? feedUrl : feed.getTitle().strip();
        Catalogue.Metadata metadata = new Catalogue.Metadata(title, text(feed.getDescription(), show == null ? null : show.getSummary()),
                creator, null, rfc3339(feed.getPublishedDate()), language(feed.getLanguage()), tags.isEmpty() ? null : tags,
                feed.getLink(), null, extra);

        List<Catalogue.Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<SyndEntry> items = feed.getEntries();
        for (int i = 0; i < items.size(); i++) {
            SyndEntry item = items.get(i);
            String at = "items[" + i + "]";
            SyndEnclosure enclosure = item.getEnclosures().stream()
                    .filter(e -> e.getUrl() != null && (e.getType() == null || e.getType().startsWith("audio/") || e.getType().startsWith("video/")))
                    .findFirst().orElse(null);
            if (enclosure == null) {
                findings.add(Finding.warning(at, null, "\"" + item.getTitle() + "\" has no audio enclosure; left out"));
                continue;
            }
            String url = enclosure.getUrl().strip();
            if (!web(url)) {
                findings.add(Finding.warning(at, null, "the enclosure " + url + " is not an http or https URL; left out"));
                continue;
            }
            String guid = blank(item.getUri()) ? url : item.getUri().strip();
            String id = AugyValidator.isUuid(guid) ? guid.toLowerCase(Locale.ROOT)
                    : UUID.nameUUIDFromBytes((feedUrl + "\n" + guid).getBytes(StandardCharsets.UTF_8)).toString();
            if (!ids.add(id)) {
                findings.add(Finding.warning(at, null, "the GUID " + guid + " appears twice; the later item is left out"));
                continue;
            }
            EntryInformation episode = item.getModule(ITunes.URI) instanceof EntryInformation e ? e : null;
            BigDecimal duration = episode != null && episode.getDuration() != null
                    ? BigDecimal.valueOf(episode.getDuration().getMilliseconds()).movePointLeft(3).stripTrailingZeros() : null;
            if (duration != null && duration.scale() < 0) {
                duration = duration.setScale(0);
            }
            Long size = enclosure.getLength() > 0 ? enclosure.getLength() : null;
            String episodeType = episode == null ? null : episode.getEpisodeType();
            String audioType = "trailer".equalsIgnoreCase(episodeType) ? "Clip" : "Episode";
            List<String> keywords = episode != null && episode.getKeywords() != null
                    ? Arrays.stream(episode.getKeywords()).map(String::strip).filter(k -> !k.isEmpty()).toList() : List.of();
            String author = episode != null && episode.getAuthor() != null ? episode.getAuthor()
                    : !blank(item.getAuthor()) ? item.getAuthor() : creator;
            String thumbnail = episode != null && episode.getImageUri() != null ? episode.getImageUri() : null;
            Map<String, Object> itemExtra = new LinkedHashMap<>();
            itemExtra.put("podcast_guid", guid);
            if (!blank(item.getLink())) {
                itemExtra.put("link", item.getLink());
            }
            Catalogue.EntryMetadata m = new Catalogue.EntryMetadata(blank(item.getTitle()) ? "Episode " + (i + 1) : item.getTitle().strip(),
                    text(item.getDescription() == null ? null : item.getDescription().getValue(), episode == null ? null : episode.getSummary()),
                    author, null, duration, size, new Genre("Podcast", null), audioType, null,
                    rfc3339(item.getPublishedDate()), episode == null ? null : episode.getEpisode(),
                    episode == null ? null : episode.getSeason(), title, keywords, explicit(episode), false,
                    thumbnail != null && web(thumbnail) ? thumbnail : null, List.of(), itemExtra);
            entries.add(new Catalogue.Entry(id, m, List.of(url), null, null, null, null));
        }
        Catalogue catalogue = new Catalogue(Catalogue.VERSION, metadata, entries, null, null);
        findings.addAll(AugyValidator.validate(catalogue));
        return new Reading(catalogue, findings);
    }

    private static String explicit(EntryInformation episode) {
        if (episode == null || episode.getExplicitNullable() == null) {
            return null;
        }
        return episode.getExplicitNullable() ? "Explicit" : "Clean";
    }

    private static String text(String first, String second) {
        return !blank(first) ? first.strip() : blank(second) ? null : second.strip();
    }

    private static String language(String tag) {
        return blank(tag) ? null : tag.strip();
    }

    private static String rfc3339(Date date) {
        return date == null ? null : java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.ofEpochMilli(date.getTime()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    private static boolean web(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
