/**
 * Call signals to users' open connections on every node: local delivery plus a fan-out to the other nodes, by NOTIFY
 * ({@code hearth.realtime.fan-out=local}, adr/0025) or as frames on Redis ({@code redis}, adr/0046).
 */
package app.hearth.adapters.realtime.signals;
