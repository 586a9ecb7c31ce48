/** Frames between nodes over Redis pub/sub (Spring Data Redis on Lettuce), when {@code hearth.realtime.fan-out=redis}. */
package app.hearth.adapters.realtime.redis;
