/** Chat's rules: who may write in a conversation, message text, receipts that only move forward, unread counts, and which companion message earns. */
package app.hearth.domain.chat;
