package app.hearth.application.shared;

/** A provider we call (Stripe, …) failed or refused: the caller gets 502 with a stable code, no internals. */
public class ProviderFailure extends RuntimeException {

    private final String code;

    public ProviderFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
