/**
 * Reliability tests #9 and #10 (reliability.md): no event left behind by the event processors, processor failover
 * between nodes, replays without external calls, and poison events held back alone in the dead-letter queue.
 */
package app.hearth.reliability;
