package app.hearth.domain.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of a stored event's shape (ADR 0039). An event without it is at revision 1. Raise it, by one, when a
 * change to the event or to a value inside it changes what is stored, and add the upcaster that reads the previous
 * revision into the new shape; the golden samples in the adapters' tests fail until both are there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {

    /** The revision of the event's stored shape: 1 for the first, one more for each change. */
    int value();
}
