/** Call signals to users' open connections on every node: local delivery plus a NOTIFY fan-out to the other nodes. */
package app.hearth.adapters.realtime.signals;
