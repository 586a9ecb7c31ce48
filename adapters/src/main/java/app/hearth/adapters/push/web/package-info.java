/** The caller's own notification settings over REST. */
package app.hearth.adapters.push.web;
