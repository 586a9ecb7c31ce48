package app.hearth.domain.chat;

import java.util.Locale;

/** The two sides of a conversation. */
public enum ChatRole {
    MEMBER, COMPANION;

    public ChatRole other() {
        return this == MEMBER ? COMPANION : MEMBER;
    }

    /** The name on the wire and in storage: {@code member}, {@code companion}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ChatRole ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
