/** A planted domain that breaks the rules: it knows Spring, reaches outward and has a malformed model. */
package app.hearth.architecture.planted.domain;
