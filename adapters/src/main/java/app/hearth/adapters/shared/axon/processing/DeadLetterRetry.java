package app.hearth.adapters.shared.axon.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Tries the dead-lettered sequences of every processing group again, each in order from its first letter, so an
 * aggregate held back by a cause that has gone (a fix deployed, a row repaired) catches up by itself. A letter that
 * fails again stays, with one more attempt counted. Several nodes may run it: the queue claims a sequence before
 * processing it.
 */
public class DeadLetterRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetry.class);

    private final EventProcessingConfiguration processing;

    public DeadLetterRetry(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Scheduled(fixedDelayString = "${hearth.projections.dead-letter-retry:PT5M}",
            initialDelayString = "${hearth.projections.dead-letter-retry:PT5M}")
    public void retryAll() {
        processing.eventProcessors().keySet().forEach(this::retry);
    }

    /** Tries each dead-lettered sequence of {@code processingGroup} once; answers how many went through whole. */
    public int retry(String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(processingGroup).orElse(null);
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup).orElse(null);
        if (queue == null || processor == null) {
            return 0;
        }
        int cleared = 0;
        try {
            long sequences = queue.amountOfSequences();
            for (long attempt = 0; attempt < sequences; attempt++) {
                if (processor.processAny()) {
                    cleared++;
                }
            }
            if (sequences > 0) {
                log.info("{}: {} of {} dead-lettered sequence(s) went through on retry", processingGroup, cleared,
                        sequences);
            }
        } catch (RuntimeException failed) {
            log.warn("{}: retrying dead letters failed; the next pass tries again: {}", processingGroup,
                    failed.toString());
        }
        return cleared;
    }
}
