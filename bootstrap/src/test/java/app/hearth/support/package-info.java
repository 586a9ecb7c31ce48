/** Test support: a fresh PostgreSQL database per test run, an HTTP client with local tokens, waiting helpers. */
package app.hearth.support;
