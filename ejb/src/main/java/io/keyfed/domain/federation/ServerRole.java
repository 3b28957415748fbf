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
  /**
   * A server that forwards its clients' operations here and vouches for who they are: a request
   * from it that names a client (a Keyfed Message Extension) runs as that client.
   */
  GATEWAY,
  /** A partition split off from this server. */
  PARTITION
}
