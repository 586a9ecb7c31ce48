package app.hearth.domain.devices;

import app.hearth.domain.shared.RuleViolation;
import java.util.Locale;

/** The operating system of a device; it decides which push tokens make sense. */
public enum Platform {
    IOS, ANDROID;

    /** {@code ios} or {@code android}, as the API spells them. */
    public static Platform parse(String value) {
        RuleViolation.requireText(value, "platform");
        return switch (value) {
            case "ios" -> IOS;
            case "android" -> ANDROID;
            default -> throw RuleViolation.invalid("INVALID_PLATFORM", "platform",
                    "platform must be ios or android");
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
