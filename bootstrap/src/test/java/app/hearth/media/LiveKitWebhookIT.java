package app.hearth.media;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.support.Api;
import app.hearth.support.IntegrationTest;
import io.livekit.server.AccessToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * LiveKit's webhook, signed exactly as a LiveKit server signs it: LiveKit's own SDK makes an access token with the
 * API key and secret, valid 5 minutes, whose {@code sha256} claim is base64(SHA-256(body)), sent as the
 * Authorization header. Only such a request is recorded, once per event id; every refusal answers 401 with a
 * problem and stores no row (counted by SQL). No test listener: the table says what happened.
 */
class LiveKitWebhookIT extends IntegrationTest {

    static final String LIVEKIT = "/api/v1/webhooks/livekit";
    static final String ROOM = "call-0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b";

    @Value("${hearth.media.livekit.api-key}")
    String apiKey;

    @Value("${hearth.media.livekit.api-secret}")
    String apiSecret;

    /** A fixture with an event id of its own. */
    static String event(String fixture, String fixtureId, String eventId) {
        String body = read("/fixtures/livekit/" + fixture + ".json");
        assertThat(body).contains("\"" + fixtureId + "\"");
        return body.replace("\"" + fixtureId + "\"", "\"" + eventId + "\"");
    }

    static String eventId() {
        return "EV_it" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** As LiveKit's webhook notifier: a token of the API key, valid 5 minutes, carrying the body's SHA-256. */
    static String sign(String body, String key, String secret) {
        AccessToken token = new AccessToken(key, secret);
        token.setTtl(5 * 60 * 1000L);
        token.setSha256(sha256(body));
        return token.toJwt();
    }

    static String sha256(String body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Api.Response post(String body, String authorization) {
        Api api = authorization == null ? anonymous() : anonymous().withHeader("Authorization", authorization);
        return api.postRaw(LIVEKIT, body);
    }

    private int rows() {
        return jdbc.queryForObject("select count(*) from media_event", Integer.class);
    }

    private int rows(String eventId) {
        return jdbc.queryForObject("select count(*) from media_event where event_id = ?", Integer.class, eventId);
    }

    private void assertRefusedAndNothingStored(String body, String authorization, String eventId) {
        int before = rows();
        var response = post(body, authorization);
        assertThat(response.status()).as(String.valueOf(authorization)).isEqualTo(401);
        assertThat(response.code()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(rows(eventId)).isZero();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void eachKnownEventIsRecordedOnceWithWhatItSays() {
        record Case(String fixture, String fixtureId, String identity) {
        }
        for (Case known : new Case[] {
            new Case("participant_joined", "EV_zPpWLg69aUCr", "3f0c6a52-8a4e-4e1b-9d3f-6c2b7f1e9a10"),
            new Case("participant_left", "EV_PBZU4k6rdetz", "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"),
            new Case("participant_connection_aborted", "EV_vNPnQgZfuX6w", "c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b"),
            new Case("room_finished", "EV_7KYnk65pnMje", null)}) {
            String id = eventId();
            String body = event(known.fixture(), known.fixtureId(), id);
            var response = post(body, sign(body, apiKey, apiSecret));
            assertThat(response.status()).as(known.fixture()).isEqualTo(200);
            assertThat(response.body().get("received").asBoolean()).isTrue();
            assertThat(response.body().get("duplicate").asBoolean()).isFalse();
            assertThat(response.body().get("outcome").asString()).isEqualTo("HANDED_ON");
            var row = jdbc.queryForMap("select event_type, room, participant_identity, payload, outcome, "
                    + "extract(epoch from created_at)::bigint as created from media_event where event_id = ?", id);
            assertThat(row.get("event_type")).isEqualTo(known.fixture());
            assertThat(row.get("room")).isEqualTo(ROOM);
            assertThat(row.get("participant_identity")).isEqualTo(known.identity());
            assertThat(row.get("payload")).isEqualTo(body);
            assertThat(row.get("outcome")).isEqualTo("HANDED_ON");
            assertThat((Long) row.get("created")).isGreaterThan(1_787_254_000L);
            assertThat(rows(id)).isEqualTo(1);
        }
    }

    @Test
    void aDuplicateDeliveryAnswers200AndChangesNothing() {
        String id = eventId();
        String body = event("participant_joined", "EV_zPpWLg69aUCr", id);
        assertThat(post(body, sign(body, apiKey, apiSecret)).status()).isEqualTo(200);
        var before = jdbc.queryForMap("select * from media_event where event_id = ?", id);

        var again = post(body, sign(body, apiKey, apiSecret));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(rows(id)).isEqualTo(1);
        assertThat(jdbc.queryForMap("select * from media_event where event_id = ?", id)).isEqualTo(before);
    }

    @Test
    void aTokenSignedWithAnotherSecretOrKeyIsRefused() {
        String id = eventId();
        String body = event("participant_left", "EV_PBZU4k6rdetz", id);
        assertRefusedAndNothingStored(body, sign(body, apiKey, apiSecret + "x"), id);
        assertRefusedAndNothingStored(body, sign(body, "another-key", apiSecret), id);
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String id = eventId();
        String body = event("participant_joined", "EV_zPpWLg69aUCr", id);
        String token = sign(body, apiKey, apiSecret);
        assertRefusedAndNothingStored(body.replace("\"Maria\"", "\"Mallory\""), token, id);
        assertRefusedAndNothingStored(body + " ", token, id);
    }

    @Test
    void aMissingOrEmptyAuthorizationIsRefused() {
        String id = eventId();
        String body = event("room_finished", "EV_7KYnk65pnMje", id);
        assertRefusedAndNothingStored(body, null, id);
        assertRefusedAndNothingStored(body, "", id);
        assertRefusedAndNothingStored(body, "not-a-token", id);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String id = eventId();
        String body = event("participant_joined", "EV_zPpWLg69aUCr", id);
        AccessToken expired = new AccessToken(apiKey, apiSecret);
        expired.setSha256(sha256(body));
        expired.setNotBefore(new Date(System.currentTimeMillis() - 10 * 60_000L));
        expired.setExpiration(new Date(System.currentTimeMillis() - 5 * 60_000L));
        assertRefusedAndNothingStored(body, expired.toJwt(), id);
    }

    @Test
    void aTokenWithoutTheBodysHashIsRefused() {
        String id = eventId();
        String body = event("participant_joined", "EV_zPpWLg69aUCr", id);
        AccessToken noHash = new AccessToken(apiKey, apiSecret);
        noHash.setTtl(5 * 60 * 1000L);
        assertRefusedAndNothingStored(body, noHash.toJwt(), id);
    }

    @Test
    void anUnknownEventTypeIsRecordedAndIgnored() {
        String id = eventId();
        String body = event("room_finished", "EV_7KYnk65pnMje", id).replace("\"room_finished\"", "\"room_started\"");
        var response = post(body, sign(body, apiKey, apiSecret));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("outcome").asString()).isEqualTo("IGNORED");
        assertThat(jdbc.queryForObject("select outcome from media_event where event_id = ?", String.class, id))
                .isEqualTo("IGNORED");
        assertThat(jdbc.queryForObject("select event_type from media_event where event_id = ?", String.class, id))
                .isEqualTo("room_started");
    }

    @Test
    void anAuthenticatedBodyThatIsNoEventAnswers400AndStoresNothing() {
        int before = rows();
        String body = "{\"event\":\"participant_joined\"}";
        var response = post(body, sign(body, apiKey, apiSecret));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("WEBHOOK_PAYLOAD_INVALID");
        assertThat(rows()).isEqualTo(before);
    }

    static String read(String resource) {
        try (InputStream in = LiveKitWebhookIT.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
