/** The calls API: placing, answering and ending calls, heartbeats, room credentials, history and operators' views. */
package app.hearth.adapters.calls.web;
