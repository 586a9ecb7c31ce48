/** Rate limits: token buckets per caller and route class, answering 429 with Retry-After when one is empty. */
package app.hearth.adapters.shared.web.ratelimit;
