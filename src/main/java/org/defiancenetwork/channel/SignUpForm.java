package org.defiancenetwork.channel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What someone typed into the sign-up form, and what is wrong with it, field by field. */
public record SignUpForm(String username, String password, String confirm) {

    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_-]{2,31}");

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
        }
        if (password.length() < MIN_PASSWORD) {
            problems.put("password", "Use at least " + MIN_PASSWORD + " characters.");
        } else if (password.length() > MAX_PASSWORD) {
            problems.put("password", "Use at most " + MAX_PASSWORD + " characters.");
        } else if (password.toLowerCase(Locale.ROOT).contains(username) && !username.isEmpty()) {
            problems.put("password", "The password must not contain the username.");
        }
        if (!problems.containsKey("password") && !password.equals(confirm)) {
            problems.put("confirm", "The two passwords differ.");
        }
        return problems;
    }
}
