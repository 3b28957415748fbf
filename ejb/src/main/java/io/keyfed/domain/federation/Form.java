package io.keyfed.domain.federation;

/** How key material travels (DESIGN.md §3 "Propagation rule"). */
public enum Form {
  /** In the clear inside the mutually authenticated TLS channel. */
  PLAIN,
  /** Wrapped under the target's transport key (RSA-OAEP to the public key of its certificate). */
  WRAPPED
}
