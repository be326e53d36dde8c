package org.defiancenetwork.channel;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.defiancenetwork.testing.WebSession;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ChannelSettingsPageTest {

    private static final Pattern KEY = Pattern.compile("id=\"stream-key-value\">(live_[A-Za-z0-9_-]+)<");

    @Inject
    ChannelService channels;

    @Test
    void streamKeyIsShownOnceAndRotationInvalidatesTheOldOne() {
        String name = AccountPagesTest.uniqueName();
        WebSession owner = WebSession.signUp(name, "a long passphrase");
        owner.page("/channel/settings").then().body(containsString("no stream key yet"));

        String first = keyOn(owner.postForm("/channel/settings/stream-key", Map.of()));
        owner.page("/channel/settings").then().body(not(containsString(first)));

        String second = keyOn(owner.postForm("/channel/settings/stream-key", Map.of()));
        assertNotEquals(first, second);
        assertFalse(channels.authorizeIngest(name, first, null).isPresent(), "old key must stop working");
        assertTrue(channels.authorizeIngest(name, second, null).isPresent());
    }

    @Test
    void titleAndDescriptionAreSavedAndValidated() {
        String name = AccountPagesTest.uniqueName();
        WebSession owner = WebSession.signUp(name, "a long passphrase");
        owner.page("/channel/settings");
        owner.postForm("/channel/settings", Map.of("title", " ", "description", ""))
                .then().statusCode(400).body(containsString("id=\"title-error\""));
        owner.postForm("/channel/settings", Map.of("title", "Owls <live>", "description", "Night birds"))
                .then().statusCode(303);
        owner.page("/channel/settings").then()
                .body(containsString("value=\"Owls &lt;live&gt;\""))
                .body(containsString("Night birds"));
    }

    @Test
    void aLongDescriptionInAnyScriptIsSavedAndAnOversizedFieldIsA413() {
        WebSession owner = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        owner.page("/channel/settings");
        String accents = "é".repeat(350);
        owner.postForm("/channel/settings", Map.of("title", "Café", "description", accents)).then().statusCode(303);
        owner.page("/channel/settings").then().body(containsString(accents));
        owner.postForm("/channel/settings", Map.of("title", "Café", "description", "日本語".repeat(667)))
                .then().statusCode(400).body(containsString("id=\"description-error\""));
        owner.postForm("/channel/settings", Map.of("title", "Café", "description", "x".repeat(40_000)))
                .then().statusCode(413);
    }

    @Test
    void titlesLoseInvisibleCharactersAndZalgo() {
        WebSession owner = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        owner.page("/channel/settings");
        owner.postForm("/channel/settings", Map.of("title", "Owls\u202E\u200B" + "o\u0300".repeat(1) + "\u0301\u0302\u0303\u0304\u0305",
                "description", "")).then().statusCode(303);
        owner.page("/channel/settings").then().body(containsString("value=\"Owls" + "ò\u0301\u0302\u0303\""));
    }

    @Test
    void eachOwnerChangesOnlyTheirOwnChannel() {
        String alice = AccountPagesTest.uniqueName();
        WebSession.signUp(alice, "a long passphrase");
        WebSession mallory = WebSession.signUp(AccountPagesTest.uniqueName(), "a long passphrase");
        mallory.page("/channel/settings");
        // there is no way to name another channel: the settings always belong to the signed-in account
        mallory.postForm("/channel/settings?channel=" + alice, Map.of("title", "Taken over", "description", "", "slug", alice))
                .then().statusCode(303);
        mallory.postForm("/channel/settings/stream-key?channel=" + alice, Map.of("slug", alice)).then().statusCode(200);
        assertFalse(channels.bySlug(alice).orElseThrow().title().contains("Taken over"));
        assertTrue(channels.bySlug(alice).orElseThrow().streamKeyCreatedAt() == null, "alice's key untouched");
    }

    private static String keyOn(Response page) {
        page.then().statusCode(200).header("Cache-Control", "no-store");
        Matcher m = KEY.matcher(page.asString());
        assertTrue(m.find(), "the new key is on the page");
        return m.group(1);
    }
}
