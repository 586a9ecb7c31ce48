package app.hearth.adapters.money.payments.web;

import app.hearth.application.money.payments.ParkedPaymentEvents;
import app.hearth.application.money.payments.PaymentFacts;
import app.hearth.application.money.payments.PaymentInbox;
import app.hearth.application.money.payments.PaymentOperations;
import app.hearth.application.money.payments.PendingPurchases;
import app.hearth.domain.access.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What operators (admin, superadmin) see of payment events; cursor-paginated like every list. */
@RestController
@Tag(name = "Payment operations", description = "Payment events for operators: a member's payments, parked "
        + "events, pending purchases nobody claimed, how far application lags")
public class PaymentOperationsController {

    public static final String ADMIN = "/api/v1/admin";
    public static final String MEMBER_PAYMENTS = ADMIN + "/members/{memberId}/payments";
    public static final String PARKED = ADMIN + "/parked-payment-events";
    public static final String PENDING = ADMIN + "/pending-purchases";
    public static final String APPLICATION = ADMIN + "/payment-application";

    /**
     * How far applying recorded notifications lags (ADR 0043): {@code unapplied} notifications recorded and not
     * applied yet, {@code failing} of them waiting to be tried again after a failure, the oldest one's receipt and
     * age in seconds (0 when none), and the last application (null when none is known).
     */
    public record ApplicationLagResponse(long unapplied, long failing, Instant oldestUnappliedAt,
                                         long oldestUnappliedAgeSeconds, Instant lastAppliedAt) {
        static ApplicationLagResponse of(PaymentInbox.Lag lag, Instant now) {
            long age = lag.oldestUnappliedAt() == null ? 0
                    : Math.max(0, Duration.between(lag.oldestUnappliedAt(), now).toSeconds());
            return new ApplicationLagResponse(lag.unapplied(), lag.failing(), lag.oldestUnappliedAt(), age,
                    lag.lastAppliedAt());
        }
    }

    /**
     * A payment fact and what became of it: {@code environment} is {@code test} (Stripe test mode, Adapty sandbox)
     * or {@code live}, as its first report said; {@code applied} whether a wallet took it (ADR 0031, 0032).
     */
    public record PaymentResponse(String dedupeKey, String kind, String store, String transactionId,
                                  String originalTransactionId, String productRef, long amountCents,
                                  String currency, Instant occurredAt, Instant periodEnd, String memberId,
                                  String status, String reason, String provider, String providerEventId,
                                  int reports, int handedOn, Instant recordedAt, Instant updatedAt,
                                  String environment, boolean applied) {
        static PaymentResponse of(PaymentFacts.Fact fact) {
            var event = fact.event();
            return new PaymentResponse(event.dedupeKey(), event.kind().name(), event.store().name(),
                    event.transactionId(), event.originalTransactionId(), event.productRef(), event.amountCents(),
                    event.currency(), event.occurredAt(), event.periodEnd(), fact.memberId(), fact.status().name(),
                    fact.reason(), event.provider(), event.providerEventId(), fact.reports(), fact.handedOn(),
                    fact.recordedAt(), fact.updatedAt(),
                    fact.environment() == null ? null : fact.environment().code(), fact.status().applied());
        }
    }

    public record PaymentsResponse(List<PaymentResponse> items, String nextCursor) {
    }

    /** A parked event waiting for a person; {@code environment} {@code test} or {@code live} (ADR 0032). */
    public record ParkedResponse(long parkedId, String dedupeKey, String provider, String providerEventId,
                                 String memberId, String reason, Instant parkedAt, String environment) {
        static ParkedResponse of(ParkedPaymentEvents.Parked parked) {
            return new ParkedResponse(parked.parkedId(), parked.dedupeKey(), parked.provider(),
                    parked.providerEventId(), parked.memberId(), parked.reason(), parked.parkedAt(),
                    parked.environment() == null ? null : parked.environment().code());
        }
    }

    public record ParkedListResponse(List<ParkedResponse> items, String nextCursor) {
    }

    /** A purchase nobody has claimed, with the keys that could claim it. */
    public record PendingResponse(long pendingId, String dedupeKey, String memberId, String adaptyProfileId,
                                  String stripeCustomerId, String email, Instant createdAt) {
        static PendingResponse of(PendingPurchases.Pending pending) {
            var keys = pending.keys();
            return new PendingResponse(pending.pendingId(), pending.dedupeKey(), keys.memberId(),
                    keys.adaptyProfileId(), keys.stripeCustomerId(), keys.email(), pending.createdAt());
        }
    }

    public record PendingListResponse(List<PendingResponse> items, String nextCursor) {
    }

    private final PaymentOperations operations;
    private final Clock clock;

    public PaymentOperationsController(PaymentOperations operations, Clock clock) {
        this.operations = operations;
        this.clock = clock;
    }

    @GetMapping(APPLICATION)
    @Operation(operationId = "getPaymentApplicationLag",
            summary = "How far applying recorded payment notifications to wallets lags: how many are recorded and "
            + "not applied, how many failed and wait to be tried again, the oldest one's age (admin, superadmin)")
    public ApplicationLagResponse applicationLag(@Parameter(hidden = true) Actor actor) {
        return ApplicationLagResponse.of(operations.applicationLag(actor), clock.instant());
    }

    @GetMapping(MEMBER_PAYMENTS)
    @Operation(operationId = "listMemberPayments",
            summary = "A member's payment events with what became of each, newest first (admin, superadmin)")
    public PaymentsResponse memberPayments(@Parameter(hidden = true) Actor actor, @PathVariable String memberId,
                                           @RequestParam(required = false) String cursor,
                                           @RequestParam(defaultValue = "50") int limit) {
        var page = operations.memberPayments(actor, memberId, cursor, limit);
        return new PaymentsResponse(page.items().stream().map(PaymentResponse::of).toList(), page.nextCursor());
    }

    @GetMapping(PARKED)
    @Operation(operationId = "listParkedPaymentEvents",
            summary = "Payment events parked for review, newest first (admin, superadmin)")
    public ParkedListResponse parked(@Parameter(hidden = true) Actor actor,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(defaultValue = "50") int limit) {
        var page = operations.parkedEvents(actor, cursor, limit);
        return new ParkedListResponse(page.items().stream().map(ParkedResponse::of).toList(), page.nextCursor());
    }

    @GetMapping(PENDING)
    @Operation(operationId = "listPendingPurchases",
            summary = "Pending purchases nobody claimed for olderThanDays days (default 30), oldest first "
            + "(admin, superadmin)")
    public PendingListResponse pending(@Parameter(hidden = true) Actor actor,
                                       @RequestParam(required = false) Integer olderThanDays,
                                       @RequestParam(required = false) String cursor,
                                       @RequestParam(defaultValue = "50") int limit) {
        var page = operations.pendingPurchases(actor, olderThanDays, cursor, limit);
        return new PendingListResponse(page.items().stream().map(PendingResponse::of).toList(), page.nextCursor());
    }
}
