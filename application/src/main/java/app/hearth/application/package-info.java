/** Hearth's use cases (primary ports) and the secondary ports they need from the outside world. */
package app.hearth.application;
