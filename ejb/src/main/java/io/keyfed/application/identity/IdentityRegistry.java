package io.keyfed.application.identity;

import io.keyfed.application.ObjectAccess;
import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.identity.KmipIdentity;
import io.keyfed.domain.identity.Role;
import io.keyfed.infrastructure.config.KeyfedConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who a KMIP caller is, with its roles: the identity recorded for it ({@link KmipIdentity}),
 * recorded on its first request. Cheap on every other request: the roles of the names seen are
 * kept in memory and read again (with the last-seen time written) only after {@link #REFRESH};
 * the admin API's role changes reach the memory at once ({@link #rolesChanged}). Recording never
 * fails a request: when the write fails (two first requests of a new client at once, the database
 * away) the roles stored by the other request are read, else the client gets the default role.
 *
 * <p>Roles may also come from the configuration ({@code keyfed.roles.security-officer=alice,hsm-*}):
 * they are added to the stored ones on every read.
 *
 * <p>A federation peer (channel {@code peer}) is not recorded: its role, peer-server, comes from
 * its server entity.
 */
@ApplicationScoped
public class IdentityRegistry {

  private static final Logger LOG = Logger.getLogger(IdentityRegistry.class.getName());

  /** How long the roles of a name seen are trusted before they are read (and last seen written) again. */
  static final Duration REFRESH = Duration.ofMinutes(1);

  /** Names kept before the memory is emptied (many short-lived client certificates). */
  static final int MAX_REMEMBERED = 10_000;

  private record Known(Set<Role> roles, Instant readAt) {}

  private final Map<String, Known> known = new ConcurrentHashMap<>();

  @Inject
  IdentityStore store;

  @Inject
  KeyfedConfig config;

  /** The caller with its roles, recorded if it is new. */
  public ClientIdentity recognise(ClientIdentity client, Instant now) {
    if (ObjectAccess.PEER.equals(client.channel())) {
      return client.withRoles(EnumSet.of(Role.PEER_SERVER));
    }
    String name = client.name().length() > KmipIdentity.NAME_MAX ? client.name().substring(0, KmipIdentity.NAME_MAX) : client.name();
    Known k = known.get(name);
    if (k == null || k.readAt().plus(REFRESH).isBefore(now)) {
      Set<Role> roles = withConfiguredRoles(name, record(name, client.subject(), now, k));
      if (known.size() >= MAX_REMEMBERED) {
        known.clear();
      }
      k = new Known(roles, now);
      known.put(name, k);
    }
    return client.withRoles(k.roles());
  }

  private Set<Role> record(String name, String subject, Instant now, Known before) {
    try {
      return store.seen(name, subject, now);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "recording identity " + name + " failed; reading it", e);
      try {
        Set<Role> stored = store.roles(name);
        if (stored != null) {
          return stored;
        }
      } catch (RuntimeException again) {
        LOG.log(Level.WARNING, "identity " + name + " could not be read: " + again);
      }
      return before != null ? before.roles() : EnumSet.of(Role.CLIENT);
    }
  }

  /** An administrator changed the roles: the next request has them. */
  public void rolesChanged(String name, Set<Role> roles) {
    known.put(name, new Known(withConfiguredRoles(name, roles), Instant.now()));
  }

  /** The roles plus those the configuration gives the name ({@link KeyfedConfig#identitiesWithRole}). */
  Set<Role> withConfiguredRoles(String name, Set<Role> roles) {
    if (config == null) {
      return Set.copyOf(roles);
    }
    EnumSet<Role> out = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    for (Role r : Role.values()) {
      if (r == Role.PEER_SERVER) {
        continue; // only a server entity is a peer
      }
      for (String pattern : config.identitiesWithRole(r.label())) {
        if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern)) {
          out.add(r);
        }
      }
    }
    return Set.copyOf(out);
  }

  /** The grants the caller holds (empty for a peer: it reaches objects by propagation rules). */
  public List<AccessGrant> grantsOf(ClientIdentity client) {
    if (ObjectAccess.PEER.equals(client.channel())) {
      return List.of();
    }
    return store.grantsOf(client.name());
  }
}
