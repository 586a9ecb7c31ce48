/** REST for conversations, messages and receipts. */
package app.hearth.adapters.chat.web;
