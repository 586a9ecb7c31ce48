/** The authorization matrix: every documented operation against every role, generated from the OpenAPI document. */
package app.hearth.authorization;
