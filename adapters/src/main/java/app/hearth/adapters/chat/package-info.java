/** Chat: conversations between a member and a companion, their messages and receipts. */
package app.hearth.adapters.chat;
