/** The HTTP edge: problem details for every error, the signed-in actor, the OpenAPI document. */
package app.hearth.adapters.shared.web;
