/** Test support: a fresh database per run, nodes a test starts itself, outages, an HTTP client, waiting helpers. */
package app.hearth.support;
