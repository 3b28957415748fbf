package io.keyfed.domain.federation;

/**
 * What a server is to this one (DESIGN.md §3–4). Roles describe the peering; the behaviour comes
 * from the propagation rules that name the server.
 */
public enum ServerRole {
  /** The central manager (CKMS) that masters keys and pushes them down. */
  CENTRAL,
  /** An edge server (a store) that serves replicas, also while cut off. */
  EDGE,
  /** A site that masters its own keys and reports them upward. */
  SITE,
  /** A server of another organisation (business-partner exchange). */
  PARTNER,
  /** A more capable server this one forwards operations to. */
  UPSTREAM,
  /** A partition split off from this server. */
  PARTITION
}
