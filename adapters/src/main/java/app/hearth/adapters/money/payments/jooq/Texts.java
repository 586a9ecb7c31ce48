package app.hearth.adapters.money.payments.jooq;

/** Free text cut to its column; identifiers are never cut (the webhook adapters refuse over-long ones). */
final class Texts {

    private Texts() {
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
