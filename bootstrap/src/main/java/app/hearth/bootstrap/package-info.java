/** The Spring Boot application: start-up guards, database creation, profiles and command-line modes. */
package app.hearth.bootstrap;
