/** Tests of the application's start-up: its guards, its wiring and its database creation. */
package app.hearth.bootstrap;
