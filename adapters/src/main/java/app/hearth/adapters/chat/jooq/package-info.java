/** Conversations and messages in the {@code conversation} and {@code chat_message} tables. */
package app.hearth.adapters.chat.jooq;
