package app.hearth.application.chat;

import app.hearth.application.chat.ChatFrames.TypingFrame;
import app.hearth.application.realtime.UserFrames;
import app.hearth.domain.access.Actor;
import app.hearth.domain.chat.ChatRole;
import app.hearth.domain.chat.Conversation;
import app.hearth.domain.chat.Typing;
import app.hearth.domain.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typing signals, in this node's memory only. A conversation's participants never change, so they are kept (the
 * {@value #PARTICIPANTS} most recently used conversations) after one read of the conversation; each sender's last
 * announcement per conversation is kept while it may matter ({@link Typing#LAPSE}), to leave out repeats. Each node
 * leaves out repeats it saw itself: a sender typing on two devices on two nodes may be announced twice as often.
 */
public class ChatTypingService implements ChatTyping {

    static final int PARTICIPANTS = 10_000;
    /** Past this many remembered announcements, the lapsed ones are forgotten. */
    static final int ANNOUNCEMENTS = 10_000;

    private record Key(String userId, String conversationId) {
    }

    private final ChatStore store;
    private final UserFrames frames;
    private final Clock clock;
    private final Map<String, Conversation> participants = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > PARTICIPANTS;
        }
    };
    private final Map<Key, Typing> announced = new ConcurrentHashMap<>();

    public ChatTypingService(ChatStore store, UserFrames frames, Clock clock) {
        this.store = store;
        this.frames = frames;
        this.clock = clock;
    }

    @Override
    public boolean typing(Actor actor, String conversationId, boolean stopped) {
        RuleViolation.requireText(conversationId, "conversationId");
        Conversation conversation = participants(conversationId);
        // the two participants only, whatever staff may read
        ChatRole side;
        if (actor.userId().equals(conversation.memberId())) {
            side = ChatRole.MEMBER;
        } else if (actor.userId().equals(conversation.companionId())) {
            side = ChatRole.COMPANION;
        } else {
            throw Conversation.notFound(conversationId);
        }
        Instant now = clock.instant();
        var key = new Key(actor.userId(), conversationId);
        Typing[] sent = new Typing[1];
        announced.compute(key, (ignored, last) -> {
            var next = Typing.next(last, stopped, now);
            next.ifPresent(typing -> sent[0] = typing);
            return next.orElse(last);
        });
        if (announced.size() > ANNOUNCEMENTS) {
            announced.values().removeIf(typing -> !typing.inForce(now));
        }
        if (sent[0] == null) {
            return false;
        }
        frames.send(List.of(conversation.userOf(side.other())), new TypingFrame("typing", conversationId,
                actor.userId(), side.wire(), sent[0].expiresAt(), sent[0].stopped()));
        return true;
    }

    /** The conversation's participants: remembered, or read once as committed (unknown: not found). */
    private Conversation participants(String conversationId) {
        synchronized (participants) {
            Conversation known = participants.get(conversationId);
            if (known != null) {
                return known;
            }
        }
        Conversation read = store.find(conversationId).map(ChatStore.Stored::conversation)
                .orElseThrow(() -> Conversation.notFound(conversationId));
        Conversation kept = Conversation.start(read.memberId(), read.companionId());
        synchronized (participants) {
            participants.put(conversationId, kept);
        }
        return kept;
    }
}
