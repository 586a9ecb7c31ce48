package app.hearth.application.money.wallet;

import app.hearth.domain.money.wallet.WalletCommand;
import app.hearth.domain.money.wallet.WalletReceipt;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Hands a command to the wallet it names, which decides and records it atomically. */
@SecondaryPort
public interface WalletCommandBus {

    /** Opens a wallet; opening one that is open already changes nothing. */
    void open(WalletCommand.OpenWallet command);

    /** Carries out a command, or answers like the original when its movement id was carried out before. */
    WalletReceipt send(WalletCommand command);
}
