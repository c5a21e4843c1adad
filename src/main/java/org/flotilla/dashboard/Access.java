package org.flotilla.dashboard;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may see the dashboard: every request carries the run's password (HTTP basic auth, user
 * {@value #USER}); a browser's session is a cookie holding a random id, and its state-changing
 * requests (POST) carry that session's CSRF token, which only a page of this origin can read.
 * A session is made only when a page asks for its token (/api/session) with the password, and only
 * the {@value #SESSIONS} most recently used are kept: a page whose session was forgotten is told to reload.
 */
final class Access {
    static final String USER = "flotilla";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String COOKIE = "flotilla-session";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] credentials;
    private final String realm;
    /** The most sessions kept: far more pages than a run has watching it. */
    static final int SESSIONS = 100;
    private final Map<String, String> csrfBySession = new LinkedHashMap<>(16, 0.75f, true) { // the least recently used first
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > SESSIONS;
        }
    };

    Access(String password, String runId) {
        this.credentials = (USER + ":" + password).getBytes(StandardCharsets.UTF_8);
        this.realm = "flotilla run " + runId;
    }

    /** Whether the request carries the password; when not, 401 has been answered. */
    boolean admit(HttpExchange ex) throws IOException {
        if (hasPassword(ex.getRequestHeaders().getFirst("Authorization"))) return true;
        ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        Responses.text(ex, 401, "the dashboard's password is needed (user " + USER + ")\n");
        return false;
    }

    /** The session of an admitted request, or null when it has none; {@code make}: a new one (and its cookie) when it has none. */
    String session(HttpExchange ex, boolean make) {
        String session = cookie(ex.getRequestHeaders().getFirst("Cookie"));
        synchronized (csrfBySession) {
            if (session != null && csrfBySession.containsKey(session)) return session;
            if (!make) return null;
            session = token();
            csrfBySession.put(session, token());
        }
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        return session;
    }

    /** The token a page of this session sends with its POSTs. */
    String csrf(String session) {
        synchronized (csrfBySession) {
            return csrfBySession.get(session);
        }
    }

    /** Whether a POST of this session carries its token. */
    boolean csrfHolds(HttpExchange ex, String session) {
        String given = ex.getRequestHeaders().getFirst(CSRF_HEADER);
        String expected = session == null ? null : csrf(session);
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private boolean hasPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, credentials);
    }

    private static String cookie(String header) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
        }
        return null;
    }

    private static String token() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
