package app.hearth.application.earnings;

import app.hearth.domain.earnings.EarningsCommand;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/** Hands a command to the earnings account it targets, which decides and records it atomically. */
@SecondaryPort
public interface EarningsCommandBus {

    /** Opens an account; a second opening is refused with {@code EARNINGS_ACCOUNT_ALREADY_OPEN}. */
    void open(EarningsCommand.OpenEarningsAccount command);

    /** Records a movement, or finds the one an earlier identical request recorded. */
    EntryReceipt record(EarningsCommand command);
}
