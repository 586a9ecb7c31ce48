package app.hearth.architecture.planted.domain;

import org.jmolecules.ddd.annotation.AggregateRoot;

/** Violates jMolecules' DDD rules: an aggregate root needs an identifier. */
@AggregateRoot
public record AggregateWithoutIdentity(long balance) {
}
