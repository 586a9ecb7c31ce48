package app.hearth.domain.shared;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/** Time zones as IANA ids ({@code Europe/Berlin}); fixed offsets such as {@code +02:00} are not places. */
public final class TimeZones {

    public static final String INVALID = "INVALID_TIME_ZONE";
    private static final Set<String> IANA = ZoneId.getAvailableZoneIds();

    private TimeZones() {
    }

    /** The zone named {@code id}, or a violation naming {@code field}. */
    public static ZoneId require(String id, String field) {
        RuleViolation.requireText(id, field);
        try {
            ZoneId zone = ZoneId.of(id.strip());
            if (IANA.contains(zone.getId())) {
                return zone;
            }
        } catch (DateTimeException invalid) {
            // refused below
        }
        throw RuleViolation.invalid(INVALID, field, "'" + id + "' is not an IANA time zone (such as Europe/Berlin)");
    }

    /** The region of an IANA id: its first part ({@code Europe} of {@code Europe/Berlin}). */
    public static String regionOf(String zoneId) {
        int slash = zoneId.indexOf('/');
        return slash < 0 ? zoneId : zoneId.substring(0, slash);
    }

    /** Whether some IANA id lies in {@code region} (any case). */
    public static boolean isRegion(String region) {
        return IANA.stream().anyMatch(zone -> regionOf(zone).equalsIgnoreCase(region));
    }
}
