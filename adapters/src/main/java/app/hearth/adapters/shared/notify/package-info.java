/** Messages between Hearth's nodes through PostgreSQL LISTEN/NOTIFY: one listening connection per node, no broker. */
package app.hearth.adapters.shared.notify;
