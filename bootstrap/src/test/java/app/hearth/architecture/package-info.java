/**
 * Architecture tests: framework-free domain and application, inward module dependencies, adapters meeting at
 * ports, commands and events as records, jMolecules DDD rules, and a package-info for every main package.
 */
package app.hearth.architecture;
