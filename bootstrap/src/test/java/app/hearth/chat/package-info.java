/** Chat through HTTP on the real database: conversations, messages, metering, companions' credits, receipts, frames. */
package app.hearth.chat;
