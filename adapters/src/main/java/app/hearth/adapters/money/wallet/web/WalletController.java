package app.hearth.adapters.money.wallet.web;

import app.hearth.application.money.wallet.WalletReadModel;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.domain.access.Actor;
import app.hearth.domain.money.wallet.WalletView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own wallet. The routes name no member: nobody reads another member's wallet. */
@RestController
@Tag(name = "Wallet", description = "The signed-in member's own wallet and its movements")
public class WalletController {

    public static final String WALLET = "/api/v1/me/wallet";
    public static final String MOVEMENTS = WALLET + "/movements";

    /** V1: paid and granted tokens (held ones included), how many calls hold, and how many may be spent. */
    public record TokensResponse(long paid, long granted, long held, long spendable) {
    }

    /** V2: the tier in force, its status, today's allowance left and when it resets (next local midnight). */
    public record TierResponse(String productId, String name, String status, Instant periodEnd,
                               String pendingProductId, Instant pendingFrom, long dailyCallSeconds,
                               long dailyMessages, long callSecondsLeft, long messagesLeft, String day,
                               Instant resetsAt) {
    }

    /** V3: a usable pack, the pack expiring first listed first. */
    public record PackResponse(String packId, String productId, long momentsLeft, long held, long momentSeconds,
                               Instant expiresAt) {
    }

    /** The wallet now: its version and that version's balances (the other versions' parts are null). */
    public record WalletResponse(String version, String timeZone, Instant at, TokensResponse tokens,
                                 TierResponse tier, List<PackResponse> packs) {
        static WalletResponse of(WalletView view) {
            TokensResponse tokens = view.tokens() == null ? null : new TokensResponse(view.tokens().paid(),
                    view.tokens().granted(), view.tokens().held(), view.tokens().spendable());
            TierResponse tier = null;
            if (view.tier() != null) {
                WalletView.Tier t = view.tier();
                tier = new TierResponse(t.productId(), t.name(),
                        t.status() == null ? null : t.status().name().toLowerCase(Locale.ROOT), t.periodEnd(),
                        t.pendingProductId(), t.pendingFrom(), t.dailyCallSeconds(), t.dailyMessages(),
                        t.callSecondsLeft(), t.messagesLeft(), t.day(), t.resetsAt());
            }
            List<PackResponse> packs = view.packs() == null ? null : view.packs().stream()
                    .map(pack -> new PackResponse(pack.packKey(), pack.productId(), pack.moments(), pack.held(),
                            pack.momentSeconds(), pack.expiresAt()))
                    .toList();
            return new WalletResponse(view.version().code(), view.timeZone(), view.at(), tokens, tier, packs);
        }
    }

    /** One movement: signed amount of a unit and the balance after it. */
    public record MovementResponse(long position, String kind, String unit, long amount, long balanceAfter,
                                   String reference, Instant occurredAt) {
        static MovementResponse of(WalletReadModel.MovementRow row) {
            return new MovementResponse(row.position(), row.kind().name().toLowerCase(Locale.ROOT),
                    row.unit().name().toLowerCase(Locale.ROOT), row.amount(), row.balanceAfter(), row.reference(),
                    row.occurredAt());
        }
    }

    /** A page of movements, newest first; {@code nextCursor} is null on the last page. */
    public record MovementsResponse(List<MovementResponse> items, String nextCursor) {
    }

    private final Wallets wallets;

    public WalletController(Wallets wallets) {
        this.wallets = wallets;
    }

    @GetMapping(WALLET)
    @Operation(operationId = "getWallet",
            summary = "Your wallet: version; V1 paid, granted and held tokens; V2 tier, status, today's "
            + "allowance left and when it resets; V3 packs with moments left and expiry")
    public WalletResponse wallet(@Parameter(hidden = true) Actor actor) {
        return WalletResponse.of(wallets.mine(actor));
    }

    @GetMapping(MOVEMENTS)
    @Operation(operationId = "listWalletMovements",
            summary = "Your wallet's movements, newest first, with cursor pagination")
    public MovementsResponse movements(@Parameter(hidden = true) Actor actor,
                                       @RequestParam(required = false) String cursor,
                                       @RequestParam(defaultValue = "50") int limit) {
        var page = wallets.myMovements(actor, cursor, limit);
        return new MovementsResponse(page.items().stream().map(MovementResponse::of).toList(), page.nextCursor());
    }
}
