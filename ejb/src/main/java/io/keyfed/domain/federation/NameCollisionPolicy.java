package io.keyfed.domain.federation;

/**
 * What this server does when a peer's object arrives with a Name whose Name Value another object
 * here already has (DESIGN.md use case 3: two organisations name their keys independently). The
 * policy belongs to the peering: it is set on the sending peer's server entity, here.
 */
public enum NameCollisionPolicy {
  /**
   * Both objects stay; the arriving one is renamed {@code <name>@<peer>} — qualified by the server
   * it came from — so that Locate by the plain name keeps finding the local object. The default:
   * nothing is lost and nothing local changes.
   */
  KEEP_BOTH,
  /** The arriving object is not stored at all (nor its later changes); the local one is untouched. */
  REJECT,
  /**
   * The peer masters the arriving object, and its Name wins: the local object that held the name
   * is renamed {@code <name>@<this server>}, the arriving one keeps the plain name.
   */
  MASTER_WINS
}
