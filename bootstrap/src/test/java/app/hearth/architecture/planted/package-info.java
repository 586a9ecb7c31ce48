/**
 * Deliberately broken classes laid out like Hearth's modules ({@code domain}, {@code application},
 * {@code adapters}, {@code bootstrap}) under their own root, to show the architecture rules catch violations.
 * Test-only: the production checks never import them.
 */
package app.hearth.architecture.planted;
