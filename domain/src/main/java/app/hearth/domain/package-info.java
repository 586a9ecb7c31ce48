/** The pure Hearth model: deciders, values and policies, free of any framework. */
package app.hearth.domain;
