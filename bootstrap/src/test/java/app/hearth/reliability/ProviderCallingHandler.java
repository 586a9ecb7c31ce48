package app.hearth.reliability;

import app.hearth.adapters.money.wallet.jooq.WalletProjection;
import app.hearth.domain.money.wallet.WalletEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A test-only event handler with a side effect outside the database, as a push or analytics handler would have: for
 * each grant to a member marked {@value #MARK}, one HTTP call to a provider (a WireMock in {@link SafeReplayIT}). It
 * sits in the wallet read model's processing group, so a replay of that processor reaches it, and is
 * {@code @DisallowReplay} as every such handler must be (the architecture rule on event handlers outside
 * an adapters {@code jooq} package). Inert unless a test names the provider.
 */
@Component
@ProcessingGroup(WalletProjection.PROCESSING_GROUP)
public class ProviderCallingHandler {

    static final String MARK = "replay-push-";

    /** The provider's endpoint while {@link SafeReplayIT} runs; null otherwise. */
    static volatile URI provider;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @EventHandler
    @DisallowReplay
    void on(WalletEvent.TokensGranted granted) throws Exception {
        URI target = provider;
        if (target == null || !granted.memberId().startsWith(MARK)) {
            return;
        }
        http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(granted.memberId() + " " + granted.movementId())).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
