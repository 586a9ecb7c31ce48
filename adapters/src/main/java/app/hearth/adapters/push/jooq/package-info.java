/** Each user's notification settings in the {@code notification_settings} table. */
package app.hearth.adapters.push.jooq;
