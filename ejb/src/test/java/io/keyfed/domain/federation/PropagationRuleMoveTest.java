package io.keyfed.domain.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A MOVE rule (partitioning): its target must be a partition, it stays a MOVE rule, and its scan position. */
class PropagationRuleMoveTest {

  private static final PropagationRule.Selector GROUP = new PropagationRule.Selector("emea", null, null, null, null);

  private static ServerEntity server(ServerRole... roles) {
    return new ServerEntity("part-a", Set.of(roles), "localhost", 5696, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "part-a");
  }

  @Test
  void aMoveGoesOnlyToAPartition() {
    FederationException e = assertThrows(FederationException.class,
        () -> new PropagationRule("split", server(ServerRole.EDGE), GROUP, Direction.MOVE, Form.PLAIN, null, null, null));
    assertTrue(e.getMessage().contains("PARTITION"), e.getMessage());
    PropagationRule r = new PropagationRule("split", server(ServerRole.PARTITION), GROUP, Direction.MOVE, Form.PLAIN, null, null, null);
    assertTrue(r.moveScanning());
    assertTrue(r.moveStartedMicros() > 0);
  }

  @Test
  void aMoveHasNoLeaseAndStaysAMove() {
    assertThrows(FederationException.class,
        () -> new PropagationRule("split", server(ServerRole.PARTITION), GROUP, Direction.MOVE, Form.PLAIN, 60L, null, null));
    PropagationRule r = new PropagationRule("split", server(ServerRole.PARTITION), GROUP, Direction.MOVE, Form.PLAIN, null, null, null);
    assertThrows(FederationException.class, () -> r.update(GROUP, Direction.DOWNWARD, Form.PLAIN, null, null, null));
    PropagationRule down = new PropagationRule("down", server(ServerRole.EDGE), GROUP, Direction.DOWNWARD, Form.PLAIN, null, null, null);
    assertThrows(FederationException.class, () -> down.update(GROUP, Direction.MOVE, Form.PLAIN, null, null, null));
    assertFalse(down.moveScanning(), "only a MOVE rule scans");
  }

  @Test
  void theScanRemembersWhereItStoodAndWhenItIsDone() {
    PropagationRule r = new PropagationRule("split", server(ServerRole.PARTITION), GROUP, Direction.MOVE, Form.PLAIN, null, null, null);
    assertNull(r.moveScannedTo());
    r.moveScanned("uid-500", false);
    assertEquals("uid-500", r.moveScannedTo());
    assertTrue(r.moveScanning());
    r.moveScanned(null, true); // an empty last page keeps the position
    assertEquals("uid-500", r.moveScannedTo());
    assertFalse(r.moveScanning());
  }
}
