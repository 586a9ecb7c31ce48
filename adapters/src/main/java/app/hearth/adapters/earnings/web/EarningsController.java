package app.hearth.adapters.earnings.web;

import app.hearth.adapters.shared.web.ProblemResponses;
import app.hearth.application.earnings.EarningsLedger;
import app.hearth.application.earnings.EarningsReadModel;
import app.hearth.application.earnings.EntryReceipt;
import app.hearth.domain.access.Actor;
import app.hearth.domain.earnings.EntryKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A companion's Earning Coins ledger over HTTP. Controllers only translate: the rules live in the ledger. */
@RestController
@RequestMapping("/api/v1/companions/{companionId}/earnings")
@Tag(name = "Earnings", description = "Earning Coins ledger of a companion")
public class EarningsController {

    /** The figures of one account. */
    public record BalanceResponse(String companionId, long balance, long lifetimeEarned, long lifetimePenalties,
                                  long entries, Instant updatedAt) {
        static BalanceResponse of(EarningsReadModel.Balance balance) {
            return new BalanceResponse(balance.companionId(), balance.balance(), balance.lifetimeEarned(),
                    balance.lifetimePenalties(), balance.entries(), balance.updatedAt());
        }
    }

    /** One page of entries, newest first. */
    public record EntriesResponse(List<EarningsReadModel.Entry> items, String nextCursor) {
    }

    /** The entry a movement request produced (or, for a retry, the original one). */
    public record ReceiptResponse(String entryId, long position, long coins, long balanceAfter,
                                  boolean alreadyRecorded) {
        static ReceiptResponse of(EntryReceipt receipt) {
            return new ReceiptResponse(receipt.entryId(), receipt.position(), receipt.coins(), receipt.balanceAfter(),
                    receipt.alreadyRecorded());
        }
    }

    /** A manual correction: signed coins and why. */
    public record CorrectionRequest(@NotNull Long coins, @NotBlank @Size(max = 2000) String reason) {
    }

    /** The penalty of a moderation case under a policy code of the penalty table. */
    public record PenaltyRequest(@NotBlank @Size(max = 128) String caseId, @NotBlank @Size(max = 64) String policyCode) {
    }

    /** Why a penalty is reversed (usually: the appeal succeeded). */
    public record ReversalRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    private final EarningsLedger ledger;

    public EarningsController(EarningsLedger ledger) {
        this.ledger = ledger;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Opened; read it with GET on the same path", content = @Content)
    @ProblemResponses({409})
    @Operation(operationId = "openEarningsAccount",
            summary = "Open a companion's earnings account (admin, superadmin)")
    public ResponseEntity<BalanceResponse> open(@Parameter(hidden = true) Actor actor,
                                                @PathVariable String companionId) {
        ledger.open(actor, companionId);
        return ResponseEntity.created(URI.create("/api/v1/companions/" + companionId + "/earnings")).build();
    }

    @GetMapping
    @Operation(operationId = "getEarningsBalance",
            summary = "Balance, lifetime earned and lifetime penalties (the companion themself, or staff)")
    public BalanceResponse balance(@Parameter(hidden = true) Actor actor, @PathVariable String companionId) {
        return BalanceResponse.of(ledger.balance(actor, companionId));
    }

    @GetMapping("/entries")
    @Operation(operationId = "listEarningsEntries",
            summary = "Entries newest first, with cursor pagination and filters by kind and time range")
    public EntriesResponse entries(@Parameter(hidden = true) Actor actor, @PathVariable String companionId,
                                   @RequestParam(name = "kind", required = false) Set<EntryKind> kinds,
                                   @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(defaultValue = "50") int limit) {
        var page = ledger.entries(actor, companionId, new EarningsLedger.EntryFilter(
                kinds == null ? Set.of() : EnumSet.copyOf(kinds), from, to, cursor, limit));
        return new EntriesResponse(page.items(), page.nextCursor());
    }

    @PostMapping("/corrections")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "Already recorded under this Idempotency-Key: the original entry")
    @ProblemResponses({409})
    @Operation(operationId = "postEarningsCorrection",
            summary = "A manual correction with a required reason (admin, superadmin); idempotent on the "
            + "Idempotency-Key header")
    public ResponseEntity<ReceiptResponse> correct(@Parameter(hidden = true) Actor actor,
                                                   @PathVariable String companionId,
                                                   @RequestHeader("Idempotency-Key") String idempotencyKey,
                                                   @Valid @RequestBody CorrectionRequest request) {
        return answer(companionId, ledger.correct(actor, companionId, idempotencyKey, request.coins(),
                request.reason()));
    }

    @PostMapping("/penalties")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "Already recorded for this case: the original entry")
    @ProblemResponses({409})
    @Operation(operationId = "penalizeCompanion",
            summary = "Apply the penalty of a moderation case (supervisor, admin, superadmin); one per case")
    public ResponseEntity<ReceiptResponse> penalize(@Parameter(hidden = true) Actor actor,
                                                    @PathVariable String companionId,
                                                    @Valid @RequestBody PenaltyRequest request) {
        return answer(companionId, ledger.penalize(actor, companionId, request.caseId(), request.policyCode()));
    }

    @PostMapping("/penalties/{penaltyId}/reversal")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "Already reversed: the original reversal")
    @ProblemResponses({409})
    @Operation(operationId = "reversePenalty",
            summary = "Reverse a penalty with a new entry (supervisor, admin, superadmin); once per penalty")
    public ResponseEntity<ReceiptResponse> reverse(@Parameter(hidden = true) Actor actor,
                                                   @PathVariable String companionId,
                                                   @PathVariable String penaltyId,
                                                   @Valid @RequestBody ReversalRequest request) {
        return answer(companionId, ledger.reversePenalty(actor, companionId, penaltyId, request.reason()));
    }

    private static ResponseEntity<ReceiptResponse> answer(String companionId, EntryReceipt receipt) {
        var body = ReceiptResponse.of(receipt);
        if (receipt.alreadyRecorded()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/companions/" + companionId + "/earnings/entries"))
                .body(body);
    }
}
