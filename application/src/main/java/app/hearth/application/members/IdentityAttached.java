package app.hearth.application.members;

import app.hearth.domain.members.IdentityKind;
import java.time.Instant;

/** An identity was attached to a member and committed: a pending purchase with this key may now be claimed. */
public record IdentityAttached(String userId, IdentityKind kind, String value, Instant attachedAt) {
}
