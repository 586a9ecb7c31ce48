package app.hearth.adapters.chat.config;

import app.hearth.application.chat.Chat;
import app.hearth.application.chat.ChatPush;
import app.hearth.application.chat.ChatService;
import app.hearth.application.chat.ChatStore;
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
 * absent recipients.
 */
@Configuration(proxyBeanMethods = false)
public class ChatConfiguration {

    @Bean
    Chat chat(ChatStore store, Transactions transactions, Metering metering, Wallets wallets, Catalogs catalogs,
              ActivityCredits credits, CompanionRegistry companions, MemberProfiles members, UserFrames frames,
              Clock clock, ChatPush push) {
        return new ChatService(store, transactions, metering, wallets, catalogs, credits, companions, members,
                frames, clock, push);
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
