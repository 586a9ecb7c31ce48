package app.hearth.application.push;

import java.time.Instant;

/**
 * What a callee's phone needs to ring: the call, who calls, audio or video, where the app opens
 * ({@code hearth://calls/{callId}}) and when the ringing is over (no provider delivers it after that).
 */
public record IncomingCall(String callId, String callerDisplayName, String kind, String deepLink, Instant expiresAt) {

    public IncomingCall {
        if (callId == null || callId.isBlank() || callerDisplayName == null || deepLink == null
                || expiresAt == null || !("audio".equals(kind) || "video".equals(kind))) {
            throw new IllegalArgumentException("an incoming call needs callId, callerDisplayName, kind audio|video, "
                    + "deepLink and expiresAt");
        }
    }

    /** The deep link the app opens for a call. */
    public static String deepLinkFor(String callId) {
        return "hearth://calls/" + callId;
    }
}
