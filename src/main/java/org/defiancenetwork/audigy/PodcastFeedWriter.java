package org.defiancenetwork.audigy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.defiancenetwork.audigy.augy.Catalogue;
import org.defiancenetwork.platform.Hashing;
import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.modules.itunes.EntryInformationImpl;
import com.rometools.modules.itunes.FeedInformationImpl;
import com.rometools.modules.itunes.types.Category;
import com.rometools.modules.itunes.types.Duration;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Image;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

/**
 * A collection as a podcast: RSS 2.0 with the iTunes tags podcast apps read and the Podcasting
 * 2.0 namespace (podcastindex.org) for what iTunes has no tag for: a stable podcast GUID, the
 * medium, season and episode, and every origin of an episode with its SHA-256 as an alternate
 * enclosure. Written by Rome; the GUID of an item is the entry id.
 */
final class PodcastFeedWriter {

    static final Namespace PODCAST = Namespace.getNamespace("podcast", "https://podcastindex.org/namespace/1.0");
    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    static final Namespace ITUNES = Namespace.getNamespace("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd");
    /** The namespace of podcast:guid (UUIDv5 of the feed URL without its scheme), fixed by the Podcasting 2.0 spec. */
    static final UUID PODCAST_GUID_NAMESPACE = UUID.fromString("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

    /** Where an episode's audio is served, and what it is. */
    record Enclosed(String url, long length, String type, String sha256) {
    }

    private PodcastFeedWriter() {
    }

    static String write(CollectionView collection, Catalogue.Metadata metadata, List<EntryView> entries,
            Function<EntryView, Enclosed> enclosures, String base, String feedUrl, String coverUrl) throws FeedException {
        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(collection.title());
        channel.setLink(base + collection.url());
        channel.setDescription(blank(collection.description()) ? collection.title() : collection.description());
        channel.setGenerator("Defiance Network");
        channel.setLanguage(language(metadata, entries));
        channel.setLastBuildDate(Date.from(collection.updatedAt()));
        String image = image(metadata, entries, coverUrl);
        Image rssImage = new Image();
        rssImage.setUrl(image);
        rssImage.setTitle(collection.title());
        rssImage.setLink(base + collection.url());
        channel.setImage(rssImage);

        FeedInformationImpl show = new FeedInformationImpl();
        show.setAuthor(blank(collection.creator()) ? collection.title() : collection.creator());
        show.setSummary(channel.getDescription());
        show.setImageUri(image);
        show.setCategories(List.of(new Category(category(entries))));
        boolean serial = entries.stream().anyMatch(e -> e.episodeNumber() != null);
        show.setType(serial ? "serial" : "episodic");
        show.setOwnerName(show.getAuthor());
        if (metadata != null && metadata.contact() != null && metadata.contact().contains("@")) {
            show.setOwnerEmailAddress(metadata.contact().replaceFirst("^mailto:", ""));
        }
        List<Module> showModules = new ArrayList<>(channel.getModules());
        showModules.add(show);
        channel.setModules(showModules);

        List<Element> channelMarkup = new ArrayList<>();
        Element self = new Element("link", ATOM);
        self.setAttribute("href", feedUrl);
        self.setAttribute("rel", "self");
        self.setAttribute("type", "application/rss+xml");
        channelMarkup.add(self);
        // Rome writes itunes:explicit as yes/no; Apple reads true/false.
        channelMarkup.add(new Element("explicit", ITUNES).setText(Boolean.toString(entries.stream().anyMatch(PodcastFeedWriter::explicit))));
        channelMarkup.add(new Element("guid", PODCAST).setText(podcastGuid(feedUrl).toString()));
        channelMarkup.add(new Element("medium", PODCAST).setText(medium(entries)));
        channel.setForeignMarkup(channelMarkup);

        List<Item> items = new ArrayList<>();
        for (EntryView e : entries) {
            Enclosed enclosed = enclosures.apply(e);
            if (enclosed == null) {
                continue;
            }
            items.add(item(e, enclosed, base));
        }
        channel.setItems(items);
        return new WireFeedOutput().outputString(channel, true);
    }

    private static Item item(EntryView e, Enclosed enclosed, String base) {
        Item item = new Item();
        item.setTitle(e.title());
        item.setLink(base + e.url());
        Description description = new Description();
        description.setType("text/plain");
        description.setValue(blank(e.description()) ? e.title() : e.description());
        item.setDescription(description);
        Guid guid = new Guid();
        guid.setValue(e.id());
        guid.setPermaLink(false);
        item.setGuid(guid);
        if (e.publishedAt() != null) {
            item.setPubDate(Date.from(e.publishedAt()));
        }
        Enclosure enclosure = new Enclosure();
        enclosure.setUrl(enclosed.url());
        enclosure.setLength(enclosed.length());
        enclosure.setType(enclosed.type());
        item.setEnclosures(List.of(enclosure));

        EntryInformationImpl episode = new EntryInformationImpl();
        episode.setTitle(e.title());
        episode.setAuthor(e.author());
        episode.setSummary(e.description());
        if (e.durationMs() != null) {
            episode.setDuration(new Duration(e.durationMs()));
        }
        if (e.episodeNumber() != null && e.episodeNumber() > 0) {
            episode.setEpisode(e.episodeNumber());
        }
        if (e.seasonNumber() != null && e.seasonNumber() > 0) {
            episode.setSeason(e.seasonNumber());
        }
        episode.setEpisodeType("Clip".equals(e.audioType()) ? "trailer" : "full");
        if (!blank(e.thumbnail()) && e.thumbnail().startsWith("http")) {
            episode.setImageUri(e.thumbnail());
        }
        if (!e.keywords().isEmpty()) {
            episode.setKeywords(e.keywords().toArray(String[]::new));
        }
        List<Module> modules = new ArrayList<>(item.getModules());
        modules.add(episode);
        item.setModules(modules);

        List<Element> markup = new ArrayList<>();
        markup.add(new Element("explicit", ITUNES).setText(Boolean.toString(explicit(e))));
        if (e.seasonNumber() != null && e.seasonNumber() > 0) {
            markup.add(new Element("season", PODCAST).setText(Integer.toString(e.seasonNumber())));
        }
        if (e.episodeNumber() != null && e.episodeNumber() > 0) {
            markup.add(new Element("episode", PODCAST).setText(Integer.toString(e.episodeNumber())));
        }
        String sha256 = enclosed.sha256() != null ? enclosed.sha256()
                : e.checksums().stream().filter(c -> "sha256".equals(c.algorithm())).map(Catalogue.Checksum::hash)
                        .findFirst().orElse(null);
        List<String> origins = new ArrayList<>(e.uriPoints());
        origins.addAll(e.backupUris());
        for (String origin : origins) {
            if (!origin.startsWith("http") || origin.equals(enclosed.url())) {
                continue;
            }
            Element alternate = new Element("alternateEnclosure", PODCAST)
                    .setAttribute("type", enclosed.type())
                    .setAttribute("length", Long.toString(enclosed.length()));
            alternate.addContent(new Element("source", PODCAST).setAttribute("uri", origin));
            if (sha256 != null) {
                alternate.addContent(new Element("integrity", PODCAST).setAttribute("type", "sri")
                        .setAttribute("value", "sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))));
            }
            markup.add(alternate);
        }
        item.setForeignMarkup(markup);
        return item;
    }

    private static String image(Catalogue.Metadata metadata, List<EntryView> entries, String cover) {
        if (metadata != null && metadata.extra().get("image") instanceof String image && image.startsWith("http")) {
            return image;
        }
        return entries.stream().map(EntryView::thumbnail).filter(Objects::nonNull).filter(t -> t.startsWith("http"))
                .findFirst().orElse(cover);
    }

    /** The collection's language, else the one most of its entries have; Apple requires one, so "en" failing both. */
    private static String language(Catalogue.Metadata metadata, List<EntryView> entries) {
        if (metadata != null && !blank(metadata.language())) {
            return metadata.language();
        }
        return entries.stream().map(EntryView::language).filter(l -> !blank(l))
                .collect(Collectors.groupingBy(l -> l, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("en");
    }

    private static boolean explicit(EntryView e) {
        return e.rating() != null && List.of("R", "NC-17", "Explicit").contains(e.rating());
    }

    /** The Podcasting 2.0 medium: what most of the collection is. */
    private static String medium(List<EntryView> entries) {
        String genre = mostCommonGenre(entries);
        if ("AudioBook".equals(genre)) {
            return "audiobook";
        }
        return "Music".equals(genre) ? "music" : "podcast";
    }

    /** An Apple Podcasts category for the collection's most common genre. */
    static String category(List<EntryView> entries) {
        return APPLE_CATEGORIES.getOrDefault(mostCommonGenre(entries), "Society & Culture");
    }

    private static String mostCommonGenre(List<EntryView> entries) {
        return entries.stream().map(EntryView::genre).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(g -> g, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static final Map<String, String> APPLE_CATEGORIES = Map.ofEntries(
            Map.entry("AudioBook", "Arts"), Map.entry("Lecture", "Education"), Map.entry("Educational", "Education"),
            Map.entry("Documentary", "Society & Culture"), Map.entry("News", "News"), Map.entry("Interview", "Society & Culture"),
            Map.entry("Discussion", "Society & Culture"), Map.entry("Meditation", "Health & Fitness"), Map.entry("Music", "Music"),
            Map.entry("Comedy", "Comedy"), Map.entry("Drama", "Fiction"), Map.entry("SciFi", "Fiction"),
            Map.entry("Fantasy", "Fiction"), Map.entry("Mystery", "Fiction"), Map.entry("History", "History"),
            Map.entry("Science", "Science"), Map.entry("Technology", "Technology"), Map.entry("Philosophy", "Society & Culture"),
            Map.entry("Religion", "Religion & Spirituality"), Map.entry("Health", "Health & Fitness"),
            Map.entry("Business", "Business"), Map.entry("Politics", "News"), Map.entry("Sports", "Sports"),
            Map.entry("Arts", "Arts"), Map.entry("Literature", "Arts"), Map.entry("Language", "Education"),
            Map.entry("Kids", "Kids & Family"), Map.entry("Fiction", "Fiction"), Map.entry("NonFiction", "Society & Culture"),
            Map.entry("Biography", "History"), Map.entry("SelfHelp", "Education"));

    /** podcast:guid: a version 5 UUID of the feed URL without scheme and trailing slash (Podcasting 2.0). */
    static UUID podcastGuid(String feedUrl) {
        String name = feedUrl.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceAll("/+$", "");
        MessageDigest sha1 = Hashing.digest("SHA-1");
        ByteBuffer ns = ByteBuffer.allocate(16)
                .putLong(PODCAST_GUID_NAMESPACE.getMostSignificantBits())
                .putLong(PODCAST_GUID_NAMESPACE.getLeastSignificantBits());
        sha1.update(ns.array());
        sha1.update(name.getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
