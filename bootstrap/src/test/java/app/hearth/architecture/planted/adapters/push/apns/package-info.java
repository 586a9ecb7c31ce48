/** A planted adapter with side effects outside the database. */
package app.hearth.architecture.planted.adapters.push.apns;
