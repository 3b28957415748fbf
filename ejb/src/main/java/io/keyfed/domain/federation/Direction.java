package io.keyfed.domain.federation;

/**
 * Which way a rule moves objects, and so what the target may do with them (DESIGN.md §4).
 */
public enum Direction {
  /** Central to edge: the target holds read-only replicas, optionally leased or allocated. */
  DOWNWARD,
  /** Site to central: the target holds read-only copies of what the site masters; nothing returns. */
  UPWARD,
  /** Between partners: the target gets its own copies; nothing outside the rule leaves either server. */
  EXCHANGE,
  /**
   * Partitioning: the target (a PARTITION server) becomes the object's home. Once the target has
   * received an object, it leaves this server, which keeps only a record of where it went.
   */
  MOVE
}
