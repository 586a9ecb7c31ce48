/** The media server's facts as they reach calls: participants joining and leaving a call's room. */
package app.hearth.adapters.calls.webhooks;
