/** Rules of the real-time channel shared by features: when a node's record of its live connections is believed. */
package app.hearth.domain.realtime;
