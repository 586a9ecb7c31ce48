package app.hearth.application.push;

import java.util.Map;

/**
 * A visible notification (as opposed to the incoming call's data message): a title and a body, collapsed by
 * {@code collapseKey} (a newer alert with the same key replaces the shown one, on Android and iOS), grouped by
 * {@code threadId}, opening {@code deepLink}, with {@code data} for the app.
 */
public record Alert(String title, String body, String collapseKey, String threadId, String deepLink,
                    Map<String, String> data) {

    public Alert {
        if (title == null || body == null || collapseKey == null || threadId == null || deepLink == null) {
            throw new IllegalArgumentException("an alert needs a title, a body, a collapse key, a thread and a link");
        }
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
