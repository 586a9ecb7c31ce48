/** The OpenAPI document as a contract: committed, equal to the served one, and driven by a client generated from it. */
package app.hearth.openapi;
