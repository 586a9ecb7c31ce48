package app.hearth.application.chat;

import app.hearth.domain.chat.Unlock;

/**
 * A member's message their wallet could not pay, so nothing was stored ({@code 422 INSUFFICIENT_BALANCE}), with what
 * would unlock it.
 */
public class MessageNotPaid extends RuntimeException {

    public static final String CODE = "INSUFFICIENT_BALANCE";

    private final transient Unlock unlock;

    public MessageNotPaid(String message, Unlock unlock, Throwable cause) {
        super(message, cause);
        this.unlock = unlock;
    }

    public Unlock unlock() {
        return unlock;
    }
}
