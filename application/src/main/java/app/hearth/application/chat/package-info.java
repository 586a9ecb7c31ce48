/** Chat's use cases: conversations and their views, messages metered before they are stored, companions' credits, receipts, frames after commit. */
package app.hearth.application.chat;
