/** A member's wallet: one event-sourced decider for tokens (V1), daily tier allowances (V2) and moment packs (V3). */
package app.hearth.domain.money.wallet;
