package app.hearth.adapters.chat.config;

import app.hearth.application.presence.CompanionFacts;

import app.hearth.application.access.StaffAuditTrail;
import app.hearth.application.access.TeamDirectory;
import app.hearth.application.chat.Chat;
import app.hearth.application.chat.ChatClosures;
import app.hearth.application.chat.ChatErasure;
import app.hearth.application.chat.ChatPush;
import app.hearth.application.chat.ChatService;
import app.hearth.application.chat.ChatStore;
import app.hearth.application.chat.ChatTyping;
import app.hearth.application.chat.ChatTypingService;
import app.hearth.application.chat.ConversationAccess;
import app.hearth.application.chat.ConversationNotes;
import app.hearth.application.chat.ConversationNotesService;
import app.hearth.application.chat.NoteStore;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.devices.DeviceRegistry;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.application.push.AlertSender;
import app.hearth.application.push.NotificationSettingsStore;
import app.hearth.application.realtime.LiveConnections;
import app.hearth.application.realtime.UserFrames;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds chat's use cases: the store, the wallet's metering, the earnings ledger, the users' frames and the push to
 * absent recipients; who reaches a conversation (participants, staff in scope, audited); companions' notes; and chat's
 * part of closing an account.
 */
@Configuration(proxyBeanMethods = false)
public class ChatConfiguration {

    @Bean
    ConversationAccess conversationAccess(TeamDirectory teams, StaffAuditTrail trail, Transactions transactions,
                                          Clock clock) {
        return new ConversationAccess(teams, trail, transactions, clock);
    }

    @Bean
    Chat chat(ChatStore store, Transactions transactions, Metering metering, Wallets wallets, Catalogs catalogs,
              ActivityCredits credits, CompanionRegistry companions, MemberProfiles members, UserFrames frames,
              ConversationAccess access, Clock clock, ChatPush push, CompanionFacts presence) {
        return new ChatService(store, transactions, metering, wallets, catalogs, credits, companions, members,
                frames, access, clock, push, presence);
    }

    @Bean
    ConversationNotes conversationNotes(ChatStore store, NoteStore notes, ConversationAccess access,
                                        Transactions transactions, Clock clock) {
        return new ConversationNotesService(store, notes, access, transactions, clock);
    }

    /** Hears of closing accounts (MembersService calls every MemberListener bean, inside the closing transaction). */
    @Bean
    ChatClosures chatClosures(ChatErasure erasure, Clock clock) {
        return new ChatClosures(erasure, clock);
    }

    /** Typing signals, in this node's memory (no database write). */
    @Bean
    ChatTyping chatTyping(ChatStore store, UserFrames frames, Clock clock) {
        return new ChatTypingService(store, frames, clock);
    }

    /** Pushes to recipients with no live connection (adr/0049), off the request thread. */
    @Bean
    ChatPush chatPush(LiveConnections live, DeviceRegistry devices, AlertSender alerts,
                      NotificationSettingsStore settings,
                      @Value("${hearth.chat.push.quiet-for:PT30S}") Duration quietFor) {
        var defaults = ChatPush.Settings.DEFAULTS;
        return new ChatPush(live, devices, alerts, settings,
                new ChatPush.Settings(quietFor, defaults.threads(), defaults.queueCapacity()));
    }
}
