package app.hearth.domain.money.wallet;

import static app.hearth.domain.shared.RuleViolation.require;
import static app.hearth.domain.shared.RuleViolation.requireText;

import app.hearth.domain.money.catalog.MonetizationVersion;
import app.hearth.domain.money.catalog.Product;
import app.hearth.domain.money.catalog.TokenRates;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TimeZones;
import java.time.Instant;

/**
 * What can be asked of a wallet. Every command names the wallet by its member id, carries the time it happens
 * and an id chosen by whoever starts it ({@link #movementId()}): the same id twice has the effect of once.
 * Commands validate themselves: a command that exists is well-formed.
 */
public sealed interface WalletCommand {

    String memberId();

    Instant at();

    /** The idempotency key of this command within the wallet. */
    String movementId();

    /** Opens the wallet on {@code version}; opening an open wallet changes nothing. */
    record OpenWallet(String memberId, MonetizationVersion version, String zone, Instant at)
            implements WalletCommand {
        public OpenWallet {
            requireText(memberId, "memberId");
            require(version, "version");
            zone = TimeZones.require(zone == null ? "UTC" : zone, "timeZone").getId();
            require(at, "at");
        }

        @Override
        public String movementId() {
            return "open";
        }
    }

    /** The member's time zone changed; it takes effect at the next local midnight. */
    record ChangeTimeZone(String memberId, String changeId, String zone, Instant at) implements WalletCommand {
        public ChangeTimeZone {
            requireText(memberId, "memberId");
            requireText(changeId, "changeId");
            zone = TimeZones.require(zone, "timeZone").getId();
            require(at, "at");
        }

        @Override
        public String movementId() {
            return "zone:" + changeId;
        }
    }

    /** Promotional tokens (V1), spent before paid ones. */
    record GrantTokens(String memberId, String grantId, long tokens, String reason, String actor, Instant at)
            implements WalletCommand {
        public GrantTokens {
            requireText(memberId, "memberId");
            requireText(grantId, "grantId");
            requireText(reason, "reason");
            requireText(actor, "actor");
            require(at, "at");
            if (tokens <= 0) {
                throw RuleViolation.invalid("TOKENS_NOT_POSITIVE", "tokens", "a grant gives at least one token");
            }
        }

        @Override
        public String movementId() {
            return "grant:" + grantId;
        }
    }

    /**
     * Applies one payment fact, deduplicated on {@code dedupeKey}. {@code product} is the catalog product the
     * fact's product reference resolves to, or null when it resolves to none.
     */
    record ApplyPayment(String memberId, String dedupeKey, PaymentFacts payment, Product product, Instant at)
            implements WalletCommand {
        public ApplyPayment {
            requireText(memberId, "memberId");
            requireText(dedupeKey, "dedupeKey");
            require(payment, "payment");
            require(at, "at");
        }

        @Override
        public String movementId() {
            return "payment:" + dedupeKey;
        }
    }

    /**
     * Holds up to {@code seconds} of call for {@code holdId} (at least one billable minute, or refused). V1 uses the
     * call rate of {@code rates}, the catalog in force now, for the whole call.
     */
    record PlaceHold(String memberId, String holdId, CallKind kind, long seconds, TokenRates rates, Instant at)
            implements WalletCommand {
        public PlaceHold {
            requireText(memberId, "memberId");
            requireText(holdId, "holdId");
            require(kind, "kind");
            require(rates, "rates");
            require(at, "at");
            if (seconds <= 0) {
                throw RuleViolation.invalid("SECONDS_NOT_POSITIVE", "seconds", "a hold covers at least one second");
            }
        }

        @Override
        public String movementId() {
            return "hold:" + holdId;
        }
    }

    /** Asks a hold to cover {@code seconds} more; it covers what the balance allows. */
    record ExtendHold(String memberId, String holdId, String extensionId, long seconds, Instant at)
            implements WalletCommand {
        public ExtendHold {
            requireText(memberId, "memberId");
            requireText(holdId, "holdId");
            requireText(extensionId, "extensionId");
            require(at, "at");
            if (seconds <= 0) {
                throw RuleViolation.invalid("SECONDS_NOT_POSITIVE", "seconds", "an extension adds at least one second");
            }
        }

        @Override
        public String movementId() {
            return "extend:" + holdId + ":" + extensionId;
        }
    }

    /**
     * Charges what the call's {@link CallVerdict} says it is billed for and releases the rest of its hold. The
     * verdict is the call's: the wallet judges no rule of the call again (ADR 0030).
     */
    record CaptureHold(String memberId, String holdId, CallVerdict verdict, Instant at) implements WalletCommand {
        public CaptureHold {
            requireText(memberId, "memberId");
            requireText(holdId, "holdId");
            require(verdict, "verdict");
            require(at, "at");
        }

        /** A hold closes once, by a capture or a release. */
        @Override
        public String movementId() {
            return "close:" + holdId;
        }
    }

    /** Releases a whole hold (the call never connected). */
    record ReleaseHold(String memberId, String holdId, Instant at) implements WalletCommand {
        public ReleaseHold {
            requireText(memberId, "memberId");
            requireText(holdId, "holdId");
            require(at, "at");
        }

        @Override
        public String movementId() {
            return "close:" + holdId;
        }
    }

    /**
     * Charges one chat message the member sends to {@code companionId}: V1 {@code tokensPerMessage} (the catalog
     * rate in force), V2 one message of today's allowance, V3 nothing inside an open 24-hour window with that
     * companion, else one moment that opens one.
     */
    record ChargeMessage(String memberId, String messageId, String companionId, long tokensPerMessage, Instant at)
            implements WalletCommand {
        public ChargeMessage {
            requireText(memberId, "memberId");
            requireText(messageId, "messageId");
            requireText(companionId, "companionId");
            require(at, "at");
            if (tokensPerMessage < 0) {
                throw RuleViolation.invalid("INVALID_RATES", "tokensPerMessage", "a rate is not negative");
            }
        }

        @Override
        public String movementId() {
            return "message:" + messageId;
        }
    }

    /** Moves the wallet to {@code to}, converting the old balance by {@code rule}; both sides are movements. */
    record MigrateWallet(String memberId, String migrationId, MonetizationVersion to, ConversionRule rule,
                         String actor, Instant at) implements WalletCommand {
        public MigrateWallet {
            requireText(memberId, "memberId");
            requireText(migrationId, "migrationId");
            require(to, "to");
            require(rule, "rule");
            requireText(actor, "actor");
            require(at, "at");
            if (to == MonetizationVersion.V3_MOMENTS && (rule.momentSeconds() <= 0 || rule.validForSeconds() <= 0)) {
                throw RuleViolation.invalid("INVALID_CONVERSION_RULE", "momentSeconds",
                        "moments made by a migration need a moment length and a validity");
            }
        }

        @Override
        public String movementId() {
            return "migration:" + migrationId;
        }
    }
}
