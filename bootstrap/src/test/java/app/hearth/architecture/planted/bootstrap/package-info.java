/** A planted bootstrap class that adapters should never see. */
package app.hearth.architecture.planted.bootstrap;
