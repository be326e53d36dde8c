package org.defiancenetwork.audigy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The rules a podcast feed must follow for RSS 2.0 readers and for Apple Podcasts (the iTunes
 * tags), and the Podcasting 2.0 tags we write; {@link #check} lists every rule a feed breaks.
 */
final class PodcastFeedRules {

    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    static final Set<String> APPLE_CATEGORIES = Set.of("Arts", "Business", "Comedy", "Education", "Fiction", "Government",
            "History", "Health & Fitness", "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality", "Science",
            "Society & Culture", "Sports", "Technology", "True Crime", "TV & Film");
    static final Pattern DURATION = Pattern.compile("\\d+|\\d{1,2}:\\d{2}|\\d+:\\d{2}:\\d{2}");

    private PodcastFeedRules() {
    }

    static List<String> check(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<String> broken = new ArrayList<>();
        Element rss = doc.getDocumentElement();
        rule(broken, rss.getLocalName().equals("rss") && "2.0".equals(rss.getAttribute("version")), "the root is <rss version=\"2.0\">");
        NodeList channels = rss.getElementsByTagName("channel");
        rule(broken, channels.getLength() == 1, "exactly one <channel>");
        Element channel = (Element) channels.item(0);
        for (String required : List.of("title", "link", "description", "language")) {
            rule(broken, !text(channel, null, required).isBlank(), "channel has a non-empty <" + required + ">");
        }
        rule(broken, web(text(channel, null, "link")), "channel link is an absolute http(s) URL");
        Element image = first(channel, ITUNES, "image");
        rule(broken, image != null && web(image.getAttribute("href"))
                && image.getAttribute("href").matches("(?i).*\\.(jpe?g|png)"), "channel has itunes:image with an http(s) JPEG or PNG href");
        Element category = first(channel, ITUNES, "category");
        rule(broken, category != null && APPLE_CATEGORIES.contains(category.getAttribute("text")), "channel has an Apple itunes:category");
        rule(broken, Set.of("true", "false").contains(text(channel, ITUNES, "explicit")), "channel itunes:explicit is true or false");
        rule(broken, !text(channel, ITUNES, "author").isBlank(), "channel has itunes:author");
        String guid = text(channel, PODCAST, "guid");
        rule(broken, isUuidV5(guid), "podcast:guid is a version 5 UUID");

        NodeList items = channel.getElementsByTagName("item");
        rule(broken, items.getLength() > 0, "the feed has items");
        Set<String> guids = new HashSet<>();
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String at = "item " + (i + 1) + ": ";
            rule(broken, !text(item, null, "title").isBlank(), at + "has a <title>");
            String itemGuid = text(item, null, "guid");
            rule(broken, !itemGuid.isBlank() && guids.add(itemGuid), at + "has a unique <guid>");
            Element enclosure = first(item, null, "enclosure");
            rule(broken, enclosure != null, at + "has an <enclosure>");
            if (enclosure != null) {
                rule(broken, web(enclosure.getAttribute("url")), at + "enclosure url is an absolute http(s) URL");
                rule(broken, enclosure.getAttribute("length").matches("\\d+") && Long.parseLong(enclosure.getAttribute("length")) > 0,
                        at + "enclosure length is a positive whole number of bytes");
                rule(broken, enclosure.getAttribute("type").matches("audio/[a-z0-9.+-]+"), at + "enclosure type is an audio MIME type");
            }
            String pubDate = text(item, null, "pubDate");
            if (!pubDate.isBlank()) {
                rule(broken, rfc822(pubDate), at + "pubDate is an RFC 822 date");
            }
            String duration = text(item, ITUNES, "duration");
            rule(broken, DURATION.matcher(duration).matches(), at + "itunes:duration is seconds, MM:SS or HH:MM:SS");
            String episode = text(item, ITUNES, "episode");
            if (!episode.isBlank()) {
                rule(broken, episode.matches("[1-9]\\d*"), at + "itunes:episode is a positive whole number");
            }
            String type = text(item, ITUNES, "episodeType");
            if (!type.isBlank()) {
                rule(broken, Set.of("full", "trailer", "bonus").contains(type), at + "itunes:episodeType is full, trailer or bonus");
            }
        }
        return broken;
    }

    private static void rule(List<String> broken, boolean holds, String rule) {
        if (!holds) {
            broken.add(rule);
        }
    }

    static Element first(Element parent, String namespace, String name) {
        NodeList nodes = namespace == null ? parent.getElementsByTagName(name) : parent.getElementsByTagNameNS(namespace, name);
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getParentNode() == parent) {
                return (Element) nodes.item(i);
            }
        }
        return null;
    }

    static String text(Element parent, String namespace, String name) {
        Element e = first(parent, namespace, name);
        return e == null ? "" : e.getTextContent().strip();
    }

    private static boolean web(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean rfc822(String date) {
        try {
            DateTimeFormatter.RFC_1123_DATE_TIME.parse(date);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isUuidV5(String text) {
        try {
            return UUID.fromString(text).version() == 5;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
