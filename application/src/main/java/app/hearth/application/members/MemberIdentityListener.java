package app.hearth.application.members;

import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Hears of identities newly attached to members, after the attachment is committed, once per attachment (the
 * money side claims pending purchases with it). Called outside any transaction; a failure is logged and does
 * not undo the attachment, so a listener that must not miss one reconciles from {@link MemberIdentities}.
 */
@SecondaryPort
public interface MemberIdentityListener {

    void identityAttached(IdentityAttached attached);
}
