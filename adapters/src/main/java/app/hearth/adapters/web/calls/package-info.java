/** Calls over HTTP: a call, a user's own call history, and the operators' live board and figures. */
package app.hearth.adapters.web.calls;
