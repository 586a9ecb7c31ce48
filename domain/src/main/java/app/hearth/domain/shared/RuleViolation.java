package app.hearth.domain.shared;

import java.util.Objects;

/**
 * A business rule or validation refused a request. The {@link #code()} is stable and documented; clients
 * branch on it. The {@link #category()} tells the edge which kind of refusal this is without knowing the rule.
 * One kind has a type of its own: the {@link TransientConflict}, a race lost to a concurrent change.
 */
public sealed class RuleViolation extends RuntimeException permits TransientConflict {

    /** What kind of refusal: the request is malformed, the thing is missing, or it conflicts with the state. */
    public enum Category { INVALID, NOT_FOUND, CONFLICT, REFUSED, FORBIDDEN }

    private final String code;
    private final Category category;
    private final String field;

    private RuleViolation(Category category, String code, String field, String message) {
        this(category, code, field, message, null);
    }

    RuleViolation(Category category, String code, String field, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category);
        this.code = Objects.requireNonNull(code);
        this.field = field;
    }

    /** Input that can never be accepted; {@code field} names the offending input. */
    public static RuleViolation invalid(String code, String field, String message) {
        return new RuleViolation(Category.INVALID, code, field, message);
    }

    public static RuleViolation notFound(String code, String message) {
        return new RuleViolation(Category.NOT_FOUND, code, null, message);
    }

    public static RuleViolation conflict(String code, String message) {
        return new RuleViolation(Category.CONFLICT, code, null, message);
    }

    /** A conflict with the current state where one input ({@code field}) is what conflicts. */
    public static RuleViolation conflict(String code, String field, String message) {
        return new RuleViolation(Category.CONFLICT, code, field, message);
    }

    /** Well-formed input that the current state refuses (a business rule). */
    public static RuleViolation refused(String code, String message) {
        return new RuleViolation(Category.REFUSED, code, null, message);
    }

    /** Well-formed input that the current state refuses, where one input ({@code field}) is what the state refuses. */
    public static RuleViolation refused(String code, String field, String message) {
        return new RuleViolation(Category.REFUSED, code, field, message);
    }

    /** The caller's role does not allow this, whatever the state. */
    public static RuleViolation forbidden(String code, String message) {
        return new RuleViolation(Category.FORBIDDEN, code, null, message);
    }

    public String code() { return code; }

    public Category category() { return category; }

    /** The input field at fault, or {@code null} when the violation is not about one field. */
    public String field() { return field; }

    /** Throws {@link #invalid} when {@code value} is null or blank; returns it otherwise. */
    public static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid("FIELD_REQUIRED", field, field + " must not be blank");
        }
        return value;
    }

    /** Throws {@link #invalid} when {@code value} is null; returns it otherwise. */
    public static <T> T require(T value, String field) {
        if (value == null) {
            throw invalid("FIELD_REQUIRED", field, field + " is required");
        }
        return value;
    }
}
