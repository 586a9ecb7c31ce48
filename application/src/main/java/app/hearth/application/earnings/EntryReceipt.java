package app.hearth.application.earnings;

/**
 * What a movement request got: the entry that holds it. {@code alreadyRecorded} is true when the request was a
 * retry of one already carried out, in which case the receipt describes the original entry.
 */
public record EntryReceipt(String entryId, long position, long coins, long balanceAfter, boolean alreadyRecorded) {
}
