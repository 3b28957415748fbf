package io.keyfed.application.federation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One inbound message's changes: together, and one by one when together fails. */
class InboundApplierTest {

  /** Records what was applied (committed) and fails the changes of the objects it is told to. */
  static class Recording extends ReplicaApplier {
    final List<String> committed = new ArrayList<>();
    final List<String> tried = new ArrayList<>();
    final Set<String> failing;
    int together;

    Recording(Set<String> failing) {
      this.failing = failing;
    }

    @Override
    public void applyTogether(String origin, List<InboundChange> changes) {
      together++;
      List<String> tx = new ArrayList<>();
      for (InboundChange c : changes) {
        tried.add(c.kind() + " " + c.uniqueIdentifier());
        if (failing.contains(c.uniqueIdentifier())) {
          throw new IllegalStateException("cannot apply " + c.uniqueIdentifier());
        }
        tx.add(c.kind() + " " + c.uniqueIdentifier());
      }
      committed.addAll(tx);
    }

    @Override
    public void applyAlone(String origin, InboundChange c) {
      applyTogether(origin, List.of(c));
    }
  }

  private static InboundApplier applier(Recording r) {
    InboundApplier a = new InboundApplier();
    a.applier = r;
    return a;
  }

  private static List<InboundChange> changes(String... kindUid) {
    List<InboundChange> out = new ArrayList<>();
    for (String s : kindUid) {
      String[] p = s.split(" ");
      out.add(new InboundChange(p[0], p[1], new byte[0]));
    }
    return out;
  }

  @Test
  void aMessageIsAppliedInOneTransaction() {
    Recording r = new Recording(Set.of());
    applier(r).apply("central", changes("PUT a", "PUT b", "NOTIFY a"));
    assertEquals(1, r.together);
    assertEquals(List.of("PUT a", "PUT b", "NOTIFY a"), r.committed);
  }

  @Test
  void oneChangeThatFailsDoesNotHoldBackTheOthersButTheMessageFails() {
    Recording r = new Recording(Set.of("b"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> applier(r).apply("central", changes("PUT a", "PUT b", "PUT c", "NOTIFY b", "NOTIFY a")));
    // The others are applied, each alone, in order; b's Notify waits behind its Put.
    assertEquals(List.of("PUT a", "PUT c", "NOTIFY a"), r.committed);
    assertTrue(!r.tried.subList(5, r.tried.size()).contains("NOTIFY b"), "nothing of b after its failure: " + r.tried);
    assertTrue(e.getMessage().contains("PUT of b") && e.getMessage().startsWith("1 of 5"), e.getMessage());
  }

  @Test
  void aSingleChangeFailsAsItDid() {
    Recording r = new Recording(Set.of("a"));
    assertThrows(IllegalStateException.class, () -> applier(r).apply("central", changes("PUT a")));
    assertEquals(1, r.together, "not tried twice");
  }

  @Test
  void aFailureThatGoesAwayOnItsOwnIsNoFailure() {
    // Together the run fails (say, a lock timeout), alone every change applies: the message is consumed.
    Recording r = new Recording(Set.of()) {
      @Override
      public void applyTogether(String origin, List<InboundChange> changes) {
        if (changes.size() > 1) {
          together++;
          throw new IllegalStateException("lock timeout");
        }
        super.applyTogether(origin, changes);
      }
    };
    assertDoesNotThrow(() -> applier(r).apply("central", changes("PUT a", "PUT b")));
    assertEquals(List.of("PUT a", "PUT b"), r.committed);
  }
}
