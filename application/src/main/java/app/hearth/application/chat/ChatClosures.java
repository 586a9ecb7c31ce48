package app.hearth.application.chat;

import app.hearth.application.members.IdentityAttached;
import app.hearth.application.members.MemberListener;
import java.time.Clock;

/**
 * Closing an account, for chat (ADR 0050): inside the closing transaction, the member's conversations stay for their
 * companions (and staff) as a former member's, under the closure's pseudonym; nobody writes in them any more, the
 * companion's notes stay. A user who comes back with the same user id is a new member with conversations of their
 * own.
 */
public class ChatClosures implements MemberListener {

    private final ChatErasure erasure;
    private final Clock clock;

    public ChatClosures(ChatErasure erasure, Clock clock) {
        this.erasure = erasure;
        this.clock = clock;
    }

    @Override
    public void identityAttached(IdentityAttached attached) {
        // chat keeps nothing about identities
    }

    @Override
    public void closing(String memberId, String pseudonym) {
        erasure.eraseMember(memberId, pseudonym, clock.instant());
    }
}
