/** Planted adapters; one of them reaches into bootstrap. */
package app.hearth.architecture.planted.adapters;
