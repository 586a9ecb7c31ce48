package app.hearth.application.members;

import app.hearth.application.access.AccessAdministration;
import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.members.AccountClosure;
import app.hearth.domain.members.MemberIdentity;
import app.hearth.domain.members.MemberProfile;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/** Members' own data, each change in one transaction; identity listeners hear of attachments after commit. */
public class MembersService implements Members {

    private static final System.Logger log = System.getLogger(MembersService.class.getName());

    /** How a closure that resets the role is recorded in the staff audit trail ({@code system:account-closure}). */
    public static final String CLOSURE_PROCESS = "account-closure";
    public static final int MAX_IDENTITIES = 20;
    private static final int EXPORT_PAGE = 200;

    private final MemberProfiles profiles;
    private final MemberIdentities identities;
    private final ClosedMembers closed;
    private final AccessAdministration access;
    private final StaffAuditTrail trail;
    private final List<MemberListener> listeners;
    private final SubjectKeys keys;
    private final Transactions transactions;
    private final Clock clock;

    public MembersService(MemberProfiles profiles, MemberIdentities identities, ClosedMembers closed,
                          AccessAdministration access, StaffAuditTrail trail, List<MemberListener> listeners,
                          SubjectKeys keys, Transactions transactions, Clock clock) {
        this.profiles = profiles;
        this.identities = identities;
        this.closed = closed;
        this.access = access;
        this.trail = trail;
        this.listeners = List.copyOf(listeners);
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Profile profile(Actor actor) {
        return profiles.find(actor.userId()).orElseThrow(() -> RuleViolation.notFound(PROFILE_NOT_FOUND,
                "you have no profile yet: create it with PUT /api/v1/me/profile"));
    }

    @Override
    public SavedProfile saveProfile(Actor actor, ProfileDraft draft) {
        Instant now = clock.instant();
        MemberProfile profile = MemberProfile.create(draft.displayName(), draft.birthYear(), draft.languages(),
                draft.timeZone(), draft.interests(), draft.contactEmail(), Year.now(clock));
        SavedProfile saved = transactions.inTransaction(() -> {
            var before = profiles.find(actor.userId()).map(Profile::profile);
            boolean sendReadReceipts = draft.sendReadReceipts() != null ? draft.sendReadReceipts()
                    : before.map(MemberProfile::sendReadReceipts).orElse(true);
            boolean pushPreview = draft.pushPreview() != null ? draft.pushPreview()
                    : before.map(MemberProfile::pushPreview).orElse(true);
            boolean created = profiles.save(actor.userId(),
                    profile.withSendReadReceipts(sendReadReceipts).withPushPreview(pushPreview), now);
            return new SavedProfile(profiles.find(actor.userId()).orElseThrow(), created);
        });
        if (saved.created()) {
            notify("registration", actor.userId(), listener -> listener.registered(actor.userId(), now));
        }
        return saved;
    }

    @Override
    public Export export(Actor actor) {
        String userId = actor.userId();
        return transactions.inTransaction(() -> {
            var actions = new ArrayList<StaffAuditTrail.Recorded>();
            Long before = null;
            List<StaffAuditTrail.Recorded> page;
            do {
                page = trail.list(new StaffAuditTrail.Query(null, null, userId, before, EXPORT_PAGE));
                actions.addAll(page);
                before = page.isEmpty() ? null : page.getLast().position();
            } while (page.size() == EXPORT_PAGE);
            return new Export(userId, clock.instant(), access.userRole(actor, userId),
                    profiles.find(userId).orElse(null), identities.of(userId), actions,
                    closed.find(keys.of(userId)).map(ClosedMembers.Closure::closedAt).orElse(null));
        });
    }

    @Override
    public void close(Actor actor) {
        String userId = actor.userId();
        ClosedMembers.Closure closure = transactions.inTransaction(() -> {
            AccountClosure.requireMayClose(access.roleOf(userId));
            profiles.delete(userId);
            identities.detachAll(userId);
            var recorded = closed.recordIfAbsent(new ClosedMembers.Closure(SubjectKeys.newPseudonym(),
                    keys.of(userId), clock.instant()));
            listeners.forEach(listener -> listener.closing(userId, recorded.pseudonym()));
            // a staff role granted while this ran would be revoked here, and the trail says so
            access.assignBySystem(CLOSURE_PROCESS, userId, Role.MEMBER);
            return recorded;
        });
        log.log(System.Logger.Level.INFO, "account closed: {0}", closure.pseudonym());
    }

    @Override
    public Attachment attachIdentity(Actor actor, String kind, String value) {
        MemberIdentity identity = MemberIdentity.of(kind, value);
        String userId = actor.userId();
        Attachment attachment = transactions.inTransaction(() -> {
            List<MemberIdentities.Attached> held = identities.of(userId);
            boolean alreadyHeld = held.stream().anyMatch(attached -> attached.identity().equals(identity));
            if (!alreadyHeld && held.size() >= MAX_IDENTITIES) {
                throw RuleViolation.conflict(IDENTITY_LIMIT_REACHED, "a member holds at most " + MAX_IDENTITIES
                        + " identities");
            }
            return switch (identities.attach(userId, identity, clock.instant())) {
                case ATTACHED -> new Attachment(identities.held(userId, identity), false);
                case ALREADY_YOURS -> new Attachment(identities.held(userId, identity), true);
                case TAKEN -> throw RuleViolation.conflict(IDENTITY_TAKEN, "this " + identity.kind().code()
                        + " belongs to another member");
            };
        });
        if (!attachment.alreadyAttached()) {
            notifyAttached(new IdentityAttached(userId, identity.kind(), identity.value(),
                    attachment.identity().attachedAt()));
        }
        return attachment;
    }

    private void notifyAttached(IdentityAttached attached) {
        notify("a " + attached.kind().code() + " attached", attached.userId(),
                listener -> listener.identityAttached(attached));
    }

    private void notify(String what, String userId, java.util.function.Consumer<MemberListener> call) {
        for (MemberListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException failed) {
                log.log(System.Logger.Level.WARNING, "a member listener failed on {0} of {1}: {2}", what, userId,
                        failed.getMessage());
            }
        }
    }

    @Override
    public List<MemberIdentities.Attached> identities(Actor actor) {
        return identities.of(actor.userId());
    }
}
