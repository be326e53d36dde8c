package org.defiancenetwork.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A browser's cookie jar and CSRF token, for tests that sign up, sign in and post forms. */
public final class WebSession {

    private static final String CSRF_COOKIE = "defiance-csrf";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new HashMap<>();
    private String csrfToken;

    /** Loads a page as a browser would, keeping its cookies and the form's CSRF token. */
    public Response page(String path) {
        Response response = request().get(path);
        keep(response);
        Matcher m = CSRF_FIELD.matcher(response.asString());
        if (m.find()) {
            csrfToken = m.group(1);
        }
        return response;
    }

    /** Posts a form with the session's CSRF token, without following redirects. */
    public Response postForm(String path, Map<String, String> fields) {
        // as browsers send forms: UTF-8 (RestAssured's default for forms is ISO-8859-1, which turns other scripts into '?')
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (csrfToken != null) {
            spec.formParam("csrf-token", csrfToken);
        }
        fields.forEach(spec::formParam);
        Response response = spec.post(path);
        keep(response);
        return response;
    }

    /** Creates an account through the sign-up form, which signs the new account in. */
    public static WebSession signUp(String username, String password) {
        return signUp("", username, password);
    }

    /** The same on the node at {@code baseUrl} (a node started as its own process). */
    public static WebSession signUp(String baseUrl, String username, String password) {
        WebSession session = new WebSession();
        session.page(baseUrl + "/signup");
        Response created = session.postForm(baseUrl + "/signup", Map.of("username", username, "password", password, "confirm", password));
        if (created.statusCode() != 303) {
            throw new IllegalStateException("sign-up of " + username + " answered " + created.statusCode() + ": " + created.asString());
        }
        return session;
    }

    /** Signs in through the sign-in form (loading it first when no CSRF token is known yet). */
    public Response signIn(String username, String password) {
        return signIn("", username, password);
    }

    public Response signIn(String baseUrl, String username, String password) {
        if (csrfToken == null) {
            page(baseUrl + "/signin");
        }
        return postForm(baseUrl + "/signin", Map.of("username", username, "password", password));
    }

    /** The CSRF token the next form post will carry. */
    public String csrfToken() {
        return csrfToken;
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    private void keep(Response response) {
        cookies.putAll(response.getCookies());
        // sign-in issues a fresh token bound to the session; forms carry the cookie's value
        String token = response.getCookies().get(CSRF_COOKIE);
        if (token != null && !token.isEmpty()) {
            csrfToken = token;
        }
    }
}
