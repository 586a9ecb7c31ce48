package app.hearth.access;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.shared.security.HearthAuthProperties;
import app.hearth.adapters.shared.security.LocalTokenIssuer;
import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the bearer-token check refuses, over HTTP, with the local issuer's decoder (signature, expiry, issuer,
 * audience): every refusal is a 401 problem with code UNAUTHENTICATED and never reaches a controller. The same
 * checks by firebase-admin: FirebaseTokenDecoderTest and FirebaseEmulatorIT.
 */
class AuthenticationIT extends IntegrationTest {

    private static final String ROLE = "/api/v1/users/%s/role";

    @Autowired
    LocalTokenIssuer issuer;

    @Test
    void aValidTokenIsAccepted() {
        as("admin", "authn-admin-1");
        var accepted = anonymous().withToken(issuer.sign(claims("authn-admin-1", Instant.now()).build()))
                .get(ROLE.formatted("authn-admin-1"));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("role").asString()).isEqualTo("admin");
    }

    @Test
    void anExpiredTokenIsRefused() {
        var issued = Instant.now().minus(Duration.ofHours(2));
        var expired = claims("authn-user-1", issued).expirationTime(Date.from(issued.plus(Duration.ofHours(1))));
        assertUnauthenticated(anonymous().withToken(issuer.sign(expired.build())).get(ROLE.formatted("authn-user-1")),
                "expired");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        var elsewhere = claims("authn-user-2", Instant.now()).audience("another-service");
        assertUnauthenticated(anonymous().withToken(issuer.sign(elsewhere.build())).get(ROLE.formatted("authn-user-2")),
                "aud");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        var foreign = claims("authn-user-3", Instant.now()).issuer("https://securetoken.google.com/demo-hearth");
        assertUnauthenticated(anonymous().withToken(issuer.sign(foreign.build())).get(ROLE.formatted("authn-user-3")),
                "iss");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String unsigned = new PlainJWT(claims("authn-user-4", Instant.now()).build()).serialize();
        assertThat(unsigned).startsWith("eyJhbGciOiJub25lIn0.");
        assertUnauthenticated(anonymous().withToken(unsigned).get(ROLE.formatted("authn-user-4")),
                "algorithm of none");
        // not even "none" spelt otherwise, nor an empty signature on a signed header
        String[] signed = issuer.sign(claims("authn-user-4", Instant.now()).build()).split("\\.");
        assertUnauthenticated(anonymous().withToken(signed[0] + "." + signed[1] + ".")
                .get(ROLE.formatted("authn-user-4")), "malformed");
    }

    @Test
    void aTamperedTokenIsRefused() {
        Api admin = as("admin", "authn-admin-5");
        String[] parts = issuer.sign(claims("authn-member-5", Instant.now()).build()).split("\\.");
        // the same signature over a payload that names someone else
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("authn-member-5", "authn-admin-5").getBytes(StandardCharsets.UTF_8));
        assertUnauthenticated(anonymous().withToken(parts[0] + "." + otherPayload + "." + parts[2])
                .get(ROLE.formatted("authn-admin-5")), "invalid signature");
        // one changed character in the signature (in the middle: the last one carries bits that decoding drops)
        int middle = parts[2].length() / 2;
        String flipped = parts[2].substring(0, middle) + (parts[2].charAt(middle) == 'A' ? 'B' : 'A')
                + parts[2].substring(middle + 1);
        assertUnauthenticated(anonymous().withToken(parts[0] + "." + parts[1] + "." + flipped)
                .get(ROLE.formatted("authn-member-5")), "invalid signature");
        // and a token signed by another key that claims the same issuer and audience
        var impostor = new LocalTokenIssuer(new HearthAuthProperties.LocalIssuer(true, null, null, null),
                Clock.systemUTC());
        assertUnauthenticated(anonymous().withToken(impostor.sign(claims("authn-admin-5", Instant.now()).build()))
                .get(ROLE.formatted("authn-admin-5")), "invalid signature");
        assertThat(admin.get(ROLE.formatted("authn-admin-5")).status()).isEqualTo(200);
    }

    /** What the local issuer signs: issuer hearth-local, audience hearth, valid for an hour from {@code issued}. */
    private static JWTClaimsSet.Builder claims(String userId, Instant issued) {
        return new JWTClaimsSet.Builder()
                .subject(userId)
                .issuer("hearth-local")
                .audience("hearth")
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(issued.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static void assertUnauthenticated(Api.Response response, String reason) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.body().get("detail").asString()).containsIgnoringCase(reason);
    }
}
