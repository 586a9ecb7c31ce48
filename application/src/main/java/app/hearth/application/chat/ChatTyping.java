package app.hearth.application.chat;

import app.hearth.domain.access.Actor;
import org.jmolecules.architecture.hexagonal.PrimaryPort;

/**
 * Typing signals between a conversation's two participants (semantics.md: a signal, never stored; it lapses after
 * 6 s without a repeat). Nothing is written; the other participant's live connections get a {@code typing} frame.
 */
@PrimaryPort
public interface ChatTyping {

    /**
     * {@code actor} is typing in the conversation ({@code stopped}: stopped typing). Sends a
     * {@link ChatFrames.TypingFrame} to the other participant, unless it repeats one sent less than 2 s ago (or
     * stops nothing); true when it did. Anyone but the two participants: {@code 404 CONVERSATION_NOT_FOUND}.
     */
    boolean typing(Actor actor, String conversationId, boolean stopped);
}
