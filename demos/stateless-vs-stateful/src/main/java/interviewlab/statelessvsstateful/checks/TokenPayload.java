package interviewlab.statelessvsstateful.checks;

import interviewlab.support.observed.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What anyone holding a cookie reads from it without a key, and SES-10's check: a token's payload shows its user.
 *
 * @param json the middle part of a JWS, base64url-decoded; empty when the cookie is not a JWS (an opaque session id)
 */
public record TokenPayload(Optional<String> json) {

    public static TokenPayload readWithoutKey(String cookie) {
        if (cookie.chars().filter(c -> c == '.').count() != 2) {
            return new TokenPayload(Optional.empty()); // a session id, not header.payload.signature
        }
        // snippet:read-a-token
        String payload = cookie.split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        // end-snippet
        return new TokenPayload(Optional.of(json));
    }

    public boolean shows(String user, String locale) {
        return json.filter(text ->
                        text.contains("\"sub\":\"" + user + "\"") && text.contains("\"locale\":\"" + locale + "\""))
                .isPresent();
    }

    public Verdict check(String user, String locale) {
        return Verdict.holdsIf(
                shows(user, locale),
                "SES-10",
                String.format(
                        "the token's payload, base64url-decoded with no key, names %s and the locale %s: %s",
                        user, locale, json.orElseThrow()),
                String.format(
                        "expected the payload, read with no key, to name %s and %s; read %s",
                        user, locale, json.orElse("no payload")));
    }
}
