package app.hearth.domain.money.payments;

import java.util.Locale;

/** Where a purchase was made; with the store's transaction id it names one purchase whoever reports it. */
public enum Store {
    STRIPE, APP_STORE, PLAY_STORE, OTHER;

    /** Adapty's store names ({@code app_store}, {@code play_store}, {@code stripe}, …). */
    public static Store ofAdapty(String store) {
        return switch (store == null ? "" : store.toLowerCase(Locale.ROOT)) {
            case "stripe" -> STRIPE;
            case "app_store" -> APP_STORE;
            case "play_store" -> PLAY_STORE;
            default -> OTHER;
        };
    }
}
