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
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded");
        if (csrfToken != null) {
            spec.formParam("csrf-token", csrfToken);
        }
        fields.forEach(spec::formParam);
        Response response = spec.post(path);
        keep(response);
        return response;
    }

    /** Creates an account through the sign-up form and follows the sign-in it leads to. */
    public static WebSession signUp(String username, String password) {
        WebSession session = new WebSession();
        session.page("/signup");
        Response created = session.postForm("/signup", Map.of("username", username, "password", password, "confirm", password));
        if (created.statusCode() != 307) {
            throw new IllegalStateException("sign-up of " + username + " answered " + created.statusCode() + ": " + created.asString());
        }
        session.signIn(username, password);
        return session;
    }

    public Response signIn(String username, String password) {
        Response response = request().contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("password", password)
                .post("/j_security_check");
        keep(response);
        return response;
    }

    public RequestSpecification request() {
        return given().redirects().follow(false).cookies(cookies);
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    private void keep(Response response) {
        cookies.putAll(response.getCookies());
    }
}
