package app.hearth.domain.money.wallet;

import static app.hearth.domain.money.wallet.WalletFixtures.MEMBER;
import static app.hearth.domain.money.wallet.WalletFixtures.RATES;
import static app.hearth.domain.money.wallet.WalletFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.wallet.Wallet.Open;
import app.hearth.domain.money.wallet.WalletCommand.CaptureHold;
import app.hearth.domain.money.wallet.WalletCommand.ChargeMessage;
import app.hearth.domain.money.wallet.WalletCommand.GrantTokens;
import app.hearth.domain.money.wallet.WalletCommand.PlaceHold;
import app.hearth.domain.money.wallet.WalletCommand.ReleaseHold;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A wallet's state stays bounded whatever its history (ADR 0041), and what fell out of memory is still answered
 * exactly once from the index of every movement id, played here by a map the way the adapters' table is written.
 */
class BoundedWalletTest {

    /** A wallet driven like the Axon shell drives it: recalling forgotten keys, writing every record down. */
    private static final class Shell {
        final Map<String, CarriedOut> everyMovementId = new HashMap<>();
        Wallet state = WalletDecider.initialState();

        WalletReceipt run(WalletCommand command) {
            Map<String, CarriedOut> found = WalletDecider.keysToRecall(command, state).stream()
                    .filter(everyMovementId::containsKey)
                    .collect(Collectors.toMap(key -> key, everyMovementId::get));
            Wallet known = state instanceof Open open ? open.recalling(found) : state;
            long before = state instanceof Open open ? open.recorded().lastSequence() : 0;
            WalletDecision decision = WalletDecider.decision(command, known);
            for (WalletEvent event : decision.events()) {
                state = WalletDecider.evolve(state, event);
            }
            ((Open) state).recorded().recordedAfter(before)
                    .forEach(entry -> entry.keys().forEach(key -> everyMovementId.put(key, entry.record())));
            return command instanceof WalletCommand.OpenWallet ? null
                    : WalletDecider.receipt(command, ((Open) state).recalling(found), decision);
        }

        Open wallet() {
            return (Open) state;
        }
    }

    private static Shell v1WithTokens(long tokens) {
        var shell = new Shell();
        shell.run(new WalletCommand.OpenWallet(MEMBER, MonetizationVersion.V1_TOKENS, "UTC", T0));
        shell.run(new GrantTokens(MEMBER, "welcome", tokens, "welcome", "admin:a", T0));
        return shell;
    }

    private static void messages(Shell shell, int count) {
        for (int i = 0; i < count; i++) {
            shell.run(new ChargeMessage(MEMBER, "msg-" + i, "companion-1", 1, T0.plusSeconds(i)));
        }
    }

    @Test
    void rememberesOnlyTheLastMovementIdsHoweverLongTheHistory() {
        var shell = v1WithTokens(100_000);

        messages(shell, 5_000);

        assertThat(shell.wallet().recorded().entries()).hasSize(Open.REMEMBERED_MOVEMENTS);
        assertThat(shell.wallet().spendableTokens()).isEqualTo(95_000);
        assertThat(shell.everyMovementId).hasSize(5_001);
    }

    @Test
    void aRetryOfAForgottenMovementIsAnsweredFromTheIndexNotCarriedOutAgain() {
        var shell = v1WithTokens(10_000);
        messages(shell, Open.REMEMBERED_MOVEMENTS + 10);
        var retry = new ChargeMessage(MEMBER, "msg-0", "companion-1", 1, T0.plusSeconds(9_999));

        assertThat(shell.wallet().recorded().find(retry.movementId())).isEmpty();
        assertThat(WalletDecider.keysToRecall(retry, shell.state)).containsExactly("message:msg-0");
        WalletReceipt receipt = shell.run(retry);

        assertThat(receipt.alreadyRecorded()).isTrue();
        assertThat(receipt.amount()).isEqualTo(1);
        assertThat(shell.wallet().spendableTokens()).isEqualTo(10_000 - Open.REMEMBERED_MOVEMENTS - 10);
        // without the index the forgotten id would have been charged again: the look-up is what keeps it once
        assertThat(WalletDecider.decide(retry, shell.state)).isNotEmpty();
    }

    @Test
    void aForgottenClosedHoldIsStillClosedAndItsReceiptSaysHow() {
        var shell = v1WithTokens(10_000);
        shell.run(new PlaceHold(MEMBER, "call-1", CallKind.AUDIO, 120, RATES, T0));
        shell.run(new CaptureHold(MEMBER, "call-1", CallVerdict.chargeable(90),
                T0.plusSeconds(90)));
        messages(shell, Open.REMEMBERED_MOVEMENTS + 10);

        WalletReceipt release = shell.run(new ReleaseHold(MEMBER, "call-1", T0.plusSeconds(9_000)));

        assertThat(release.alreadyRecorded()).isTrue();
        assertThat(release.hold().status()).isEqualTo(WalletReceipt.HoldStatus.CAPTURED);
        assertThat(shell.wallet().holds()).isEmpty();
    }

    @Test
    void aWalletThatForgotNothingNeedsNoLookUp() {
        var shell = v1WithTokens(100);
        messages(shell, 10);

        assertThat(WalletDecider.keysToRecall(new ChargeMessage(MEMBER, "new", "c", 1, T0), shell.state)).isEmpty();
    }

    @Test
    void chatWindowsEndedADayBeforeTheNewestOneAreNotKept() {
        Instant at = T0;
        var moments = VersionPart.Moments.NONE;
        for (int i = 0; i < 100; i++) {
            moments = moments.withWindow(ChatWindow.openedAt("companion-" + i, at));
            at = at.plus(Duration.ofHours(12));
        }

        // windows opened within the last 48 h (ended at most 24 h before the newest opened) stay; older ones go
        assertThat(moments.chatWindows()).hasSizeLessThanOrEqualTo(4);
        assertThat(moments.chatWindows()).containsKey("companion-99");
    }
}
