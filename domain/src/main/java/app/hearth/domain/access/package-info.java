/** Who is acting: the five roles of Hearth and the actor that carries one of them. */
package app.hearth.domain.access;
