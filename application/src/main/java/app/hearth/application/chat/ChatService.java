package app.hearth.application.chat;

import app.hearth.application.presence.CompanionFacts;

import app.hearth.application.chat.ChatFrames.ConversationFrame;
import app.hearth.application.chat.ChatFrames.MessageFrame;
import app.hearth.application.chat.ChatFrames.ReceiptFrame;
import app.hearth.application.chat.ChatStore.Stored;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.application.realtime.UserFrames;
import app.hearth.application.shared.Cursors;
import app.hearth.application.shared.Retry;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.access.Actor;
import app.hearth.domain.access.Role;
import app.hearth.domain.chat.ChatMessage;
import app.hearth.domain.chat.ChatRole;
import app.hearth.domain.chat.ClientMessageId;
import app.hearth.domain.chat.Conversation;
import app.hearth.domain.chat.MessageText;
import app.hearth.domain.chat.Receipts;
import app.hearth.domain.chat.Unlock;
import app.hearth.domain.companions.CompanionRules;
import app.hearth.domain.companions.CompanionStatus;
import app.hearth.domain.earnings.ActivityKind;
import app.hearth.domain.money.wallet.WalletDecider;
import app.hearth.domain.money.wallet.WalletView;
import app.hearth.domain.shared.RuleViolation;
import app.hearth.domain.shared.TransientConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Chat's use cases. A message is written in one transaction under its conversation's row lock: the retry check, the
 * member's charge (the wallet command joins the transaction, ADR 0019), the companion's credit, the message at the
 * next sequence; a race lost to a concurrent change (a wallet or an earnings account another transaction appended
 * to) rolls it all back and runs it again. Frames go out only after the commit.
 */
public class ChatService implements Chat {

    /** How Hearth's own process is recorded in the ledgers. */
    public static final String PROCESS = "chat";
    /** How often a transaction that met a concurrent change is tried in all. */
    static final int ATTEMPTS = 8;
    private static final String LIST = "c";
    /** How long a companion's profile shown in frames is reused, and how many are kept. */
    static final long COMPANION_COPY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    static final int COMPANION_COPIES = 10_000;
    private static final String CHANGES = "x";

    private final ChatStore store;
    private final Transactions transactions;
    private final Metering metering;
    private final Wallets wallets;
    private final Catalogs catalogs;
    private final ActivityCredits credits;
    private final CompanionRegistry companions;
    private final MemberProfiles members;
    private final UserFrames frames;
    private final ConversationAccess access;
    private final Clock clock;
    private final ChatPush push;
    /** Companions' public profiles as frames show them, kept a few seconds on this node. */
    private final RecentCopies<Party> companionParties = new RecentCopies<>(COMPANION_COPY_NANOS, COMPANION_COPIES);
    private final CompanionFacts presence;

    public ChatService(ChatStore store, Transactions transactions, Metering metering, Wallets wallets,
                       Catalogs catalogs, ActivityCredits credits, CompanionRegistry companions, MemberProfiles members,
                       UserFrames frames, ConversationAccess access, Clock clock, ChatPush push) {
        this(store, transactions, metering, wallets, catalogs, credits, companions, members, frames, access, clock,
                push, CompanionFacts.NONE);
    }

    /** With presence told, in each message's transaction, that the companion's open conversations may have changed. */
    public ChatService(ChatStore store, Transactions transactions, Metering metering, Wallets wallets,
                       Catalogs catalogs, ActivityCredits credits, CompanionRegistry companions, MemberProfiles members,
                       UserFrames frames, ConversationAccess access, Clock clock, ChatPush push,
                       CompanionFacts presence) {
        this.presence = presence;
        this.store = store;
        this.transactions = transactions;
        this.metering = metering;
        this.wallets = wallets;
        this.catalogs = catalogs;
        this.credits = credits;
        this.companions = companions;
        this.members = members;
        this.frames = frames;
        this.access = access;
        this.clock = clock;
        this.push = push;
    }

    // --- reading ---------------------------------------------------------------------------------------------------

    @Override
    public ConversationPage conversations(Actor actor, String cursor, int limit) {
        int size = Cursors.limit(limit);
        Long before = Cursors.decodeLong(LIST, cursor);
        long changed = store.lastChange(actor.userId()); // before the list: whatever it misses is a later change
        List<Stored> rows = store.conversationsOf(actor.userId(), before, size + 1);
        List<Stored> page = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? Cursors.encode(LIST, Long.toString(page.getLast().activityNo())) : null;
        return new ConversationPage(page.stream().map(row -> view(row, side(row, actor))).toList(), next,
                Cursors.encode(CHANGES, Long.toString(changed)));
    }

    /**
     * The conversations changed after the caller's change number in {@code changesCursor}, in change order. A user's
     * changes commit in the order of their numbers, so none is missed; {@code nextCursor} pages on, and
     * {@code changesCursor} is where the next catch-up starts.
     */
    @Override
    public ConversationPage changedSince(Actor actor, String changesCursor, int limit) {
        int size = Cursors.limit(limit);
        RuleViolation.requireText(changesCursor, "changedSince");
        long after = Cursors.decodeLong(CHANGES, changesCursor);
        List<Stored> rows = store.changedSince(actor.userId(), after, size + 1);
        List<Stored> page = rows.size() > size ? rows.subList(0, size) : rows;
        long last = page.isEmpty() ? after : page.getLast().changeFor(side(page.getLast(), actor));
        String position = Cursors.encode(CHANGES, Long.toString(last));
        return new ConversationPage(page.stream().map(row -> view(row, side(row, actor))).toList(),
                rows.size() > size ? position : null, position);
    }

    @Override
    public ConversationView conversation(Actor actor, String conversationId) {
        Stored stored = store.find(conversationId).orElseThrow(() -> Conversation.notFound(conversationId));
        return view(stored, sideShown(access.read(actor, stored.conversation(), ConversationAccess.Read.CONVERSATION)));
    }

    /** A participant sees their side; staff see the conversation as its companion does. */
    private static ChatRole sideShown(Conversation.Reader reader) {
        return switch (reader) {
            case Conversation.Reader.Participant participant -> participant.side();
            case Conversation.Reader.Staff ignored -> ChatRole.COMPANION;
        };
    }

    @Override
    public MessagePage messages(Actor actor, String conversationId, Long after, Long before, int limit) {
        int size = Cursors.limit(limit);
        if (after != null && after < 0) {
            throw RuleViolation.invalid("INVALID_PARAMETER", "after", "after is a sequence number, 0 or more");
        }
        if (before != null && before < 1) {
            throw RuleViolation.invalid("INVALID_PARAMETER", "before", "before is a sequence number, 1 or more");
        }
        Stored stored = store.find(conversationId).orElseThrow(() -> Conversation.notFound(conversationId));
        access.read(actor, stored.conversation(), ConversationAccess.Read.MESSAGES);
        boolean newestFirst = after == null;
        List<ChatMessage> rows = store.messages(conversationId, after, before, size + 1, newestFirst);
        List<ChatMessage> page = new ArrayList<>(rows.size() > size ? rows.subList(0, size) : rows);
        if (newestFirst) {
            java.util.Collections.reverse(page);
        }
        return new MessagePage(page.stream().map(ChatService::message).toList(), rows.size() > size);
    }

    // --- writing ---------------------------------------------------------------------------------------------------

    @Override
    public Sent send(Actor actor, String conversationId, String clientMessageId, String text) {
        var client = new ClientMessageId(clientMessageId);
        var body = new MessageText(text);
        return sending(actor, () -> {
            Stored stored = store.lock(conversationId).orElseThrow(() -> Conversation.notFound(conversationId));
            return write(actor, access.writer(actor, stored.conversation()), stored, client, body);
        });
    }

    @Override
    public Sent sendToCompanion(Actor actor, String companionId, String clientMessageId, String text) {
        if (actor.role() != Role.MEMBER) {
            throw RuleViolation.forbidden(Conversation.ONLY_MEMBERS_OPEN,
                    "only a member opens a conversation with a companion");
        }
        var client = new ClientMessageId(clientMessageId);
        var body = new MessageText(text);
        if (store.findPair(actor.userId(), companionId).isEmpty()) {
            companions.find(companionId).filter(companion -> companion.status() == CompanionStatus.ACTIVE)
                    .orElseThrow(() -> RuleViolation.notFound(CompanionRules.NOT_FOUND, "no companion " + companionId));
        }
        return sending(actor, () -> {
            Stored stored = store.lockOrCreate(Conversation.start(actor.userId(), companionId), clock.instant());
            return write(actor, ChatRole.MEMBER, stored, client, body);
        });
    }

    /** Runs a send's transaction, again after a race lost; a message the wallet refused says what would unlock it. */
    private Sent sending(Actor actor, Supplier<Sent> work) {
        try {
            return Retry.onTransientConflict(ATTEMPTS, () -> transactions.inTransaction(work));
        } catch (TransientConflict conflict) {
            throw conflict;
        } catch (RuleViolation refused) {
            if (refused.code().equals(WalletDecider.INSUFFICIENT_BALANCE)) {
                throw new MessageNotPaid(refused.getMessage(), unlock(actor), refused);
            }
            throw refused;
        }
    }

    /**
     * Inside the transaction, under the conversation's lock: the message is inserted at the next sequence unless its
     * client id is already there (a retry: the original is answered, nothing else happens), then charged, credited,
     * and the conversation moved on; a refusal or a lost race rolls it all back.
     */
    private Sent write(Actor actor, ChatRole side, Stored stored, ClientMessageId client, MessageText body) {
        Conversation conversation = stored.conversation();
        Conversation after;
        try {
            after = conversation.append(side);
        } catch (RuleViolation refused) {
            // a retry of a message stored before the conversation closed is still answered with it
            return store.findByClientId(conversation.conversationId(), actor.userId(), client)
                    .map(earlier -> new Sent(message(earlier), true)).orElseThrow(() -> refused);
        }
        Instant now = clock.instant();
        String messageId = ChatMessage.idOf(conversation.conversationId(), actor.userId(), client);
        ChatMessage written = new ChatMessage(messageId, conversation.conversationId(), after.lastSeq(), client,
                actor.userId(), side, body, after.tally(), now);
        var earlier = store.insertUnlessSent(written);
        if (earlier.isPresent()) {
            return new Sent(message(earlier.get()), true);
        }
        if (side == ChatRole.MEMBER) {
            // metered before the commit, in this transaction: a message that cannot be paid is not stored
            metering.chargeMessage(conversation.memberId(), messageId, conversation.companionId(), now);
        }
        if (conversation.earns(side)) {
            ChatMessage answered = stored.lastMessage();
            if (answered == null || answered.seq() != conversation.lastSeq()) {
                throw new IllegalStateException("no message " + conversation.lastSeq() + " in "
                        + conversation.conversationId());
            }
            credit(conversation.companionId(), answered.messageId(), now);
        }
        Stored saved = store.append(stored, after, written);
        // a member's message opens the conversation, the companion's answer closes it: capacity counts them
        presence.conversationsChanged(after.companionId(), now);
        Message sent = message(written);
        // the frames' companion profile from this node's short-lived copy (public data; the member's, which holds
        // their read-receipts choice, is read as committed)
        ConversationView memberView = view(saved, ChatRole.MEMBER, true);
        ConversationView companionView = view(saved, ChatRole.COMPANION, true);
        transactions.afterCommit(() -> {
            frames.send(List.of(after.memberId(), after.companionId()), MessageFrame.of(sent));
            frames.send(List.of(after.memberId()), new ConversationFrame("conversation", memberView));
            frames.send(List.of(after.companionId()), new ConversationFrame("conversation", companionView));
            // the recipient's view names the sender as its other party
            ConversationView recipientView = side == ChatRole.MEMBER ? companionView : memberView;
            push.messageStored(after.userOf(side.other()), recipientView.other().displayName(), sent);
        });
        return new Sent(sent, false);
    }

    /**
     * One chat-message credit for the companion, sourced at the answered member message (idempotent on it), with
     * the multiplier in force; the account is opened first when the companion has none.
     */
    private void credit(String companionId, String memberMessageId, Instant at) {
        credits.credit(companionId, memberMessageId, ActivityKind.CHAT_MESSAGE, 1, at, PROCESS);
    }

    @Override
    public ConversationView receipts(Actor actor, String conversationId, Long deliveredUpTo, Long readUpTo) {
        if (deliveredUpTo == null && readUpTo == null) {
            throw RuleViolation.invalid("FIELD_REQUIRED", "readUpTo", "give deliveredUpTo, readUpTo or both");
        }
        return Retry.onTransientConflict(ATTEMPTS, () -> transactions.inTransaction(() -> {
            Stored stored = store.lock(conversationId).orElseThrow(() -> Conversation.notFound(conversationId));
            Conversation conversation = stored.conversation();
            ChatRole side = access.writer(actor, conversation);
            Receipts current = conversation.receiptsOf(side);
            Receipts next = current.advance(deliveredUpTo, readUpTo, conversation.lastSeq(),
                    seq -> seq == 0 ? 0 : store.messageAt(conversationId, seq).orElseThrow().tally().of(side.other()));
            if (next.equals(current)) {
                return view(stored, side);
            }
            Stored saved = store.saveReceipts(stored, conversation.withReceipts(side, next), side, clock.instant());
            boolean shares = side == ChatRole.COMPANION
                    || !conversation.formerMember() && sharesReadReceipts(conversation.memberId());
            String me = conversation.userOf(side);
            String other = conversation.userOf(side.other());
            Receipts.Shown mine = next.shownToOwner();
            Receipts.Shown theirsBefore = current.shownToOther(shares);
            Receipts.Shown theirs = next.shownToOther(shares);
            ConversationView myView = view(saved, side);
            ConversationView otherView = view(saved, side.other());
            transactions.afterCommit(() -> {
                frames.send(List.of(me), new ReceiptFrame("receipt", conversationId, me, side.wire(),
                        mine.deliveredUpTo(), mine.readUpTo()));
                frames.send(List.of(me), new ConversationFrame("conversation", myView));
                if (!theirs.equals(theirsBefore)) {
                    frames.send(List.of(other), new ReceiptFrame("receipt", conversationId, me, side.wire(),
                            theirs.deliveredUpTo(), theirs.readUpTo()));
                    frames.send(List.of(other), new ConversationFrame("conversation", otherView));
                }
            });
            return myView;
        }));
    }

    // --- views -----------------------------------------------------------------------------------------------------

    private static ChatRole side(Stored stored, Actor actor) {
        return stored.conversation().requireParticipant(actor);
    }

    /** {@code stored} as its participant on {@code side} sees it. */
    private ConversationView view(Stored stored, ChatRole side) {
        return view(stored, side, false);
    }

    /** As {@link #view(Stored, ChatRole)}; {@code cachedCompanion}: the companion's profile may be a few seconds old. */
    private ConversationView view(Stored stored, ChatRole side, boolean cachedCompanion) {
        Conversation conversation = stored.conversation();
        Party other;
        Receipts.Shown otherReceipts;
        if (side == ChatRole.MEMBER) {
            other = cachedCompanion ? companionParties.get(conversation.companionId(), this::companionParty)
                    : companionParty(conversation.companionId());
            otherReceipts = conversation.companionReceipts().shownToOther(true);
        } else if (conversation.formerMember()) {
            // the member closed their account: nothing of theirs is looked up, their read position is not shown
            other = new Party(conversation.memberId(), ChatRole.MEMBER.wire(), Conversation.FORMER_MEMBER_NAME, null,
                    null, null, null, null, null, true);
            otherReceipts = conversation.memberReceipts().shownToOther(false);
        } else {
            var member = members.find(conversation.memberId());
            other = new Party(conversation.memberId(), ChatRole.MEMBER.wire(),
                    member.map(found -> found.profile().displayName()).orElse(null), null, null, null, null, null,
                    null, false);
            boolean shares = member.map(found -> found.profile().sendReadReceipts()).orElse(true);
            otherReceipts = conversation.memberReceipts().shownToOther(shares);
        }
        Receipts.Shown mine = conversation.receiptsOf(side).shownToOwner();
        return new ConversationView(conversation.conversationId(), conversation.memberId(),
                conversation.companionId(), other, conversation.lastSeq(),
                stored.lastMessage() == null ? null : message(stored.lastMessage()), conversation.unreadFor(side),
                new ReceiptsView(mine.deliveredUpTo(), mine.readUpTo()),
                new ReceiptsView(otherReceipts.deliveredUpTo(), otherReceipts.readUpTo()), stored.createdAt(),
                stored.lastActivityAt());
    }

    private Party companionParty(String companionId) {
        return companions.find(companionId).map(companion -> {
            var profile = companion.profile();
            return new Party(companionId, ChatRole.COMPANION.wire(), companion.displayName(),
                    profile == null || profile.photo() == null ? null : profile.photo().uri().toString(),
                    profile == null ? null : profile.bio(),
                    profile == null ? List.of() : profile.languages().stream().sorted().toList(),
                    profile == null ? null : profile.timeZone().getId(), companion.rating(),
                    companion.ratingCount(), false);
        }).orElse(new Party(companionId, ChatRole.COMPANION.wire(), null, null, null, List.of(), null, null, null,
                false));
    }

    private boolean sharesReadReceipts(String memberId) {
        return members.find(memberId).map(found -> found.profile().sendReadReceipts()).orElse(true);
    }

    private static Message message(ChatMessage message) {
        return new Message(message.messageId(), message.conversationId(), message.seq(),
                message.clientMessageId().value(), message.senderId(), message.senderRole().wire(),
                message.text().value(), message.sentAt());
    }

    /** What would let the member send: read from their wallet as it stands (the refused charge moved nothing). */
    private Unlock unlock(Actor actor) {
        WalletView wallet = wallets.mine(actor);
        return switch (wallet.version()) {
            case V1_TOKENS -> Unlock.tokens(catalogs.current().catalog().tokenRates().perChatMessage());
            case V2_TIERS -> Unlock.tiers(wallet.tier() != null && wallet.tier().dailyMessages() > 0,
                    wallet.tier() == null ? null : wallet.tier().resetsAt());
            case V3_MOMENTS -> Unlock.moments();
        };
    }
}
