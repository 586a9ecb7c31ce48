package app.hearth.adapters.money.wallet.axon;

import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.adapters.shared.axon.state.AggregateStateConfiguration;
import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.money.wallet.CallKind;
import app.hearth.domain.money.wallet.Wallet;
import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletEvent;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** A wallet's snapshot is plain JSON an auditor can read, and reads back as the state it was (ADR 0041). */
class WalletSnapshotJsonTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final Serializer serializer = AggregateStateConfiguration
            .serializer(List.of(new WalletAxonConfiguration().walletSnapshotShapes()));

    static WalletAggregate walletAfter(int messages) {
        var aggregate = new WalletAggregate();
        Wallet state = WalletDecider.initialState();
        var commands = new java.util.ArrayList<WalletCommand>();
        commands.add(new WalletCommand.OpenWallet("m-1", MonetizationVersion.V1_TOKENS, "Europe/Berlin", T0));
        commands.add(new WalletCommand.GrantTokens("m-1", "welcome", 10_000, "welcome", "admin:a", T0));
        commands.add(new WalletCommand.PlaceHold("m-1", "call-1", CallKind.AUDIO, 120, new TokenRates(10, 15, 1), T0));
        for (int i = 0; i < messages; i++) {
            commands.add(new WalletCommand.ChargeMessage("m-1", "msg-" + i, "c-1", 1, T0.plusSeconds(i)));
        }
        for (WalletCommand command : commands) {
            for (WalletEvent event : WalletDecider.decide(command, state)) {
                state = WalletDecider.evolve(state, event);
                aggregate.on(event);
            }
        }
        return aggregate;
    }

    static Wallet stateOf(WalletAggregate aggregate) throws ReflectiveOperationException {
        Field field = WalletAggregate.class.getDeclaredField("state");
        field.setAccessible(true);
        return (Wallet) field.get(aggregate);
    }

    @Test
    void aSnapshotIsReadableJsonAndReadsBackAsTheSameState() throws ReflectiveOperationException {
        WalletAggregate aggregate = walletAfter(300);

        SerializedObject<byte[]> snapshot = serializer.serialize(aggregate, byte[].class);
        String json = new String(snapshot.getData(), StandardCharsets.UTF_8);
        WalletAggregate read = serializer.deserialize(snapshot);

        assertThat(json).startsWith("{\"state\":{\"status\":\"open\"").contains("\"walletId\":\"wallet:m-1\"","\"part\":{\"kind\":\"tokens\"", "\"holds\":{\"call-1\"", "\"message:msg-299\"")
                .doesNotContain("\"message:msg-0\"", "app.hearth");
        assertThat(snapshot.getType().getRevision()).isEqualTo("1");
        assertThat(stateOf(read)).isEqualTo(stateOf(aggregate));
    }
}
