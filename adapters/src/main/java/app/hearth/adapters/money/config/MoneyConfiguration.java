package app.hearth.adapters.money.config;

import app.hearth.application.members.MemberListener;
import app.hearth.application.members.MemberProfiles;
import app.hearth.application.money.PaymentApplication;
import app.hearth.application.money.PurchaseListener;
import app.hearth.application.money.catalog.CatalogService;
import app.hearth.application.money.catalog.CatalogStore;
import app.hearth.application.money.catalog.Catalogs;
import app.hearth.application.money.metering.Metering;
import app.hearth.application.money.metering.MeteringService;
import app.hearth.application.money.wallet.MonetizationMigrations;
import app.hearth.application.money.wallet.WalletAccess;
import app.hearth.application.money.wallet.WalletCommandBus;
import app.hearth.application.money.wallet.WalletHistory;
import app.hearth.application.money.wallet.WalletMemberListener;
import app.hearth.application.money.wallet.WalletPaymentApplication;
import app.hearth.application.money.wallet.WalletPositions;
import app.hearth.application.money.wallet.WalletReadModel;
import app.hearth.application.money.wallet.WalletViews;
import app.hearth.application.money.wallet.Wallets;
import app.hearth.application.money.wallet.WalletsService;
import app.hearth.application.shared.Transactions;
import app.hearth.domain.money.catalog.MonetizationVersion;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the money-in use cases (catalog, wallets, metering, payment application) from their ports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MoneyConfiguration.MoneyProperties.class)
public class MoneyConfiguration {

    /** {@code hearth.money.new-member-version}: the monetization version of new members' wallets (v1, v2, v3). */
    @ConfigurationProperties("hearth.money")
    public record MoneyProperties(String newMemberVersion) {

        MonetizationVersion version() {
            String code = newMemberVersion == null || newMemberVersion.isBlank() ? "v1" : newMemberVersion;
            return MonetizationVersion.ofCode(code).orElseThrow(() -> new IllegalStateException(
                    "hearth.money.new-member-version must be v1, v2 or v3, was '" + newMemberVersion + "'"));
        }
    }

    @Bean
    Catalogs catalogs(CatalogStore store, Transactions transactions, Clock clock) {
        return new CatalogService(store, transactions, clock);
    }

    @Bean
    WalletAccess walletAccess(WalletCommandBus commands, WalletHistory history, MemberProfiles profiles,
                              MoneyProperties properties, Transactions transactions) {
        return new WalletAccess(commands, history, profiles, properties.version(), transactions);
    }

    /**
     * {@code hearth.wallet.read-your-writes-wait}: how long {@code GET /me/wallet} waits for the read model to reach
     * what this node committed for the wallet (ADR 0048).
     */
    @Bean
    WalletViews walletViews(WalletReadModel readModel, WalletPositions positions, Clock clock,
                            @Value("${hearth.wallet.read-your-writes-wait:PT5S}") Duration wait) {
        return new WalletViews(readModel, positions, wait, clock);
    }

    @Bean
    Wallets wallets(WalletAccess access, WalletCommandBus commands, WalletReadModel readModel, WalletViews views,
                    Clock clock) {
        return new WalletsService(access, commands, readModel, views, clock);
    }

    @Bean
    Metering metering(WalletAccess access, Catalogs catalogs) {
        return new MeteringService(access, catalogs);
    }

    @Bean
    MonetizationMigrations monetizationMigrations(Wallets wallets, WalletAccess access, Clock clock) {
        return new MonetizationMigrations(wallets, access, clock);
    }

    @Bean
    PaymentApplication paymentApplication(WalletAccess access, Catalogs catalogs, Clock clock,
                                          java.util.List<PurchaseListener> purchaseListeners) {
        return new WalletPaymentApplication(access, catalogs, clock, purchaseListeners);
    }

    @Bean
    MemberListener walletMemberListener(Wallets wallets) {
        return new WalletMemberListener(wallets);
    }
}
