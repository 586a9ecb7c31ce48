package app.hearth.adapters.shared.web;

import app.hearth.application.money.payments.PaymentWebhooks.Reading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading provider JSON: decimals as {@link BigDecimal} (never through a double), identifiers bounded, amounts in
 * the currency's smallest unit. A value that cannot be read throws {@link NotReadable}, which the readers turn into
 * {@link Reading.Unreadable} (parked for review) rather than a refusal the provider would retry for days.
 */
public final class WebhookJson {

    /** Longest identifier Hearth stores (the inbox's and facts' columns hold a little more). */
    public static final int MAX_ID = 200;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Adapty's times: {@code 2026-07-30T10:15:42.000000+0000}. */
    private static final DateTimeFormatter ADAPTY_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT);

    private WebhookJson() {
    }

    /** A value that cannot be read; becomes {@link Reading.Unreadable}. */
    public static final class NotReadable extends RuntimeException {
        public NotReadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The body as a JSON object (decimals as BigDecimal), or empty when it is not one. */
    public static Optional<JsonNode> object(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** A scalar as text; null when missing, null or not a scalar. */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
            return null;
        }
        String text = node.asString();
        return text == null || text.isBlank() ? null : text;
    }

    /** An identifier: text of at most {@link #MAX_ID} characters, or null. */
    public static String id(JsonNode node, String name) {
        String text = text(node);
        if (text != null && text.length() > MAX_ID) {
            throw new NotReadable(name + " is longer than " + MAX_ID + " characters");
        }
        return text;
    }

    public static <T> T required(T value, String name) {
        if (value == null) {
            throw new NotReadable(name + " is missing");
        }
        return value;
    }

    /** An integer (Stripe's amounts and epoch seconds); null when missing. */
    public static Long integer(JsonNode node, String name) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw new NotReadable(name + " is not an integer");
        }
        return node.asLong();
    }

    public static Instant epochSeconds(JsonNode node, String name) {
        Long seconds = integer(node, name);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    /** Adapty's time format, or ISO-8601 with an offset; null when missing. */
    public static Instant time(JsonNode node, String name) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, ADAPTY_TIME).toInstant();
        } catch (DateTimeParseException notAdaptys) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notIso) {
                throw new NotReadable(name + " is not a time: " + text);
            }
        }
    }

    /** A decimal amount (Adapty's {@code 14.99}); null when missing. Read as written, never through a double. */
    public static BigDecimal decimal(JsonNode node, String name) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return new BigDecimal(node.asString().strip());
        } catch (NumberFormatException notANumber) {
            throw new NotReadable(name + " is not a number");
        }
    }

    /** An ISO 4217 code in upper case; null when missing. */
    public static String currency(JsonNode node) {
        String code = text(node);
        if (code == null) {
            return null;
        }
        code = code.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new NotReadable("currency " + code + " is not an ISO 4217 code");
        }
        return code;
    }

    /**
     * {@code amount} in the currency's smallest unit: 14.99 USD is 1499, 1500 JPY is 1500, 1.234 KWD is 1234;
     * anything finer is rounded half up (Adapty reports prices, which are exact in the currency).
     */
    public static long smallestUnits(BigDecimal amount, String currency) {
        if (amount == null) {
            return 0;
        }
        int digits;
        try {
            digits = Currency.getInstance(required(currency, "currency")).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknown) {
            throw new NotReadable("currency " + currency + " is unknown");
        }
        if (digits < 0) {
            throw new NotReadable("currency " + currency + " has no minor unit");
        }
        try {
            return amount.movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new NotReadable("amount " + amount + " is out of range");
        }
    }
}
