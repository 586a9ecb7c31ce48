package app.hearth.adapters.chat.config;

import app.hearth.application.chat.Chat;
import app.hearth.application.chat.ChatService;
import app.hearth.application.chat.ChatStore;
import app.hearth.application.chat.ChatTyping;
import app.hearth.application.chat.ChatTypingService;
import app.hearth.application.companions.CompanionRegistry;
import app.hearth.application.earnings.ActivityCredits;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.application.realtime.UserFrames;
import app.hearth.application.shared.Transactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds chat's use cases: the store, the wallet's metering, the earnings ledger and the users' frames. */
@Configuration(proxyBeanMethods = false)
public class ChatConfiguration {

    @Bean
    Chat chat(ChatStore store, Transactions transactions, Metering metering, Wallets wallets, Catalogs catalogs,
              ActivityCredits credits, CompanionRegistry companions, MemberProfiles members, UserFrames frames,
              Clock clock) {
        return new ChatService(store, transactions, metering, wallets, catalogs, credits, companions, members,
                frames, clock);
    }

    /** Typing signals, in this node's memory (no database write). */
    @Bean
    ChatTyping chatTyping(ChatStore store, UserFrames frames, Clock clock) {
        return new ChatTypingService(store, frames, clock);
    }
}
