package org.defiancenetwork.channel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What someone typed into the sign-up form, and what is wrong with it, field by field. */
public record SignUpForm(String username, String password, String confirm) {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 128;
    /** Fewer different characters than this is a pattern, not a password ("aaaaaaaaaa", "1212121212"). */
    static final int MIN_DISTINCT = 5;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_-]{2,31}");

    /**
     * Names that would pass for the node's staff or collide with the node's own addresses
     * (a username is also the channel's address, /c/name).
     */
    static final Set<String> RESERVED = Set.of("admin", "administrator", "root", "moderator", "mod", "mods", "system",
            "sysadmin", "staff", "support", "security", "official", "operator", "owner", "node", "defiance",
            "api", "static", "media", "signin", "signup", "signout", "settings", "broadcast", "watch", "audio",
            "null", "undefined", "anonymous", "guest", "everyone", "here", "webmaster", "postmaster", "hostmaster");

    /** The start of every breach list, and the shapes people reach for when told "10 characters". */
    static final Set<String> COMMON = Set.of("password12", "password123", "password1234", "password!!", "passw0rd12",
            "1234567890", "0123456789", "12345678910", "qwertyuiop", "asdfghjkl1", "1q2w3e4r5t", "qwerty1234",
            "qwerty12345", "iloveyou12", "letmein123", "welcome123", "admin12345", "abc1234567", "abcdefghij",
            "0987654321", "1qaz2wsx3edc", "zaq12wsxcde", "trustno1234", "football12", "baseball12", "sunshine12",
            "princess12", "dragon1234", "monkey1234", "superman12", "changeme12", "defiance12", "livestream");

    public SignUpForm {
        username = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        password = password == null ? "" : password;
        confirm = confirm == null ? "" : confirm;
    }

    /** Field name → message; empty when the form can be accepted. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!USERNAME.matcher(username).matches()) {
            problems.put("username", "Use 3 to 32 characters: letters, digits, - or _, starting with a letter or digit.");
        } else if (RESERVED.contains(username)) {
            problems.put("username", "This name is reserved; choose another.");
        }
        String passwordProblem = passwordProblem(password, username);
        if (passwordProblem != null) {
            problems.put("password", passwordProblem);
        } else if (!password.equals(confirm)) {
            problems.put("confirm", "The two passwords differ.");
        }
        return problems;
    }

    /** What is wrong with a new password for this user, or null. */
    static String passwordProblem(String password, String username) {
        String visible = password.strip();
        if (visible.length() < MIN_PASSWORD) {
            return "Use at least " + MIN_PASSWORD + " characters (spaces at the ends do not count).";
        }
        if (password.length() > MAX_PASSWORD) {
            return "Use at most " + MAX_PASSWORD + " characters.";
        }
        String lower = visible.toLowerCase(Locale.ROOT);
        if (!username.isEmpty() && lower.contains(username)) {
            return "The password must not contain the username.";
        }
        if (COMMON.contains(lower) || lower.replaceAll("[^a-z]", "").equals("password")) {
            return "This password is among the first any attacker tries; choose another.";
        }
        if (lower.codePoints().distinct().count() < MIN_DISTINCT) {
            return "Use a password with more different characters.";
        }
        return null;
    }
}
