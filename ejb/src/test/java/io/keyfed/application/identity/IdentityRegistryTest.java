package io.keyfed.application.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyfed.domain.identity.AccessGrant;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.domain.identity.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recording the callers: once per name (then from memory), never failing a request. */
class IdentityRegistryTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A store in memory that can be told to fail its writes (as a concurrent first insert makes it). */
  static final class FakeStore extends IdentityStore {
    final Map<String, Set<Role>> stored = new HashMap<>();
    final List<String> writes = new ArrayList<>();
    boolean failWrites;

    @Override
    public Set<Role> seen(String name, String subject, Instant now) {
      writes.add(name);
      if (failWrites) {
        throw new IllegalStateException("duplicate key");
      }
      return stored.computeIfAbsent(name, n -> EnumSet.of(Role.CLIENT));
    }

    @Override
    public Set<Role> roles(String name) {
      return stored.get(name);
    }

    @Override
    public List<AccessGrant> grantsOf(String grantee) {
      return List.of();
    }
  }

  private final FakeStore store = new FakeStore();
  private final IdentityRegistry registry = new IdentityRegistry();

  {
    registry.store = store;
  }

  @Test
  void aNameIsWrittenOnceThenServedFromMemoryUntilTheRefresh() {
    ClientIdentity alice = new ClientIdentity("alice", "CN=alice", "tls");
    assertEquals(Set.of(Role.CLIENT), registry.recognise(alice, T0).roles());
    registry.recognise(alice, T0.plusSeconds(1));
    registry.recognise(alice, T0.plusSeconds(2));
    assertEquals(List.of("alice"), store.writes);
    registry.recognise(alice, T0.plus(IdentityRegistry.REFRESH).plusSeconds(1));
    assertEquals(List.of("alice", "alice"), store.writes);
  }

  @Test
  void aFailedFirstWriteReadsWhatTheOtherRequestStored() {
    store.stored.put("bob", EnumSet.of(Role.CLIENT, Role.SECURITY_OFFICER));
    store.failWrites = true;
    ClientIdentity bob = registry.recognise(new ClientIdentity("bob", "CN=bob", "tls"), T0);
    assertEquals(Set.of(Role.CLIENT, Role.SECURITY_OFFICER), bob.roles());
    // Nothing stored at all (the database away): the default role, and the request goes on.
    assertEquals(Set.of(Role.CLIENT), registry.recognise(new ClientIdentity("carol", "CN=carol", "tls"), T0).roles());
  }

  @Test
  void roleChangesReachTheNextRequestAndPeersAreNotRecorded() {
    ClientIdentity alice = new ClientIdentity("alice", "CN=alice", "tls");
    registry.recognise(alice, T0);
    registry.rolesChanged("alice", EnumSet.of(Role.CLIENT, Role.SECURITY_OFFICER));
    assertEquals(Set.of(Role.CLIENT, Role.SECURITY_OFFICER), registry.recognise(alice, T0.plusSeconds(1)).roles());
    assertEquals(Set.of(Role.PEER_SERVER), registry.recognise(new ClientIdentity("east", "CN=east", "peer"), T0).roles());
    assertEquals(List.of("alice"), store.writes);
  }

  @Test
  void theConfigurationAddsRolesByNameOrPrefix() {
    registry.config = new io.keyfed.infrastructure.config.KeyfedConfig() {
      @Override
      public List<String> identitiesWithRole(String role) {
        return switch (role) {
          case "security-officer" -> List.of("alice", "hsm-*");
          case "peer-server" -> List.of("*");
          default -> List.of();
        };
      }
    };
    assertEquals(Set.of(Role.CLIENT, Role.SECURITY_OFFICER), registry.recognise(new ClientIdentity("alice", "CN=alice", "tls"), T0).roles());
    assertEquals(Set.of(Role.CLIENT, Role.SECURITY_OFFICER), registry.recognise(new ClientIdentity("hsm-7", "CN=hsm-7", "tls"), T0).roles());
    assertEquals(Set.of(Role.CLIENT), registry.recognise(new ClientIdentity("bob", "CN=bob", "tls"), T0).roles());
    // An administrator's change keeps the configured role.
    registry.rolesChanged("alice", EnumSet.of(Role.CLIENT, Role.AUDITOR));
    assertEquals(Set.of(Role.CLIENT, Role.AUDITOR, Role.SECURITY_OFFICER),
        registry.recognise(new ClientIdentity("alice", "CN=alice", "tls"), T0.plusSeconds(1)).roles());
  }
}
