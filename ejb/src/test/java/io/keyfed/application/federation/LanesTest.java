package io.keyfed.application.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanesTest {

  @Test
  void anObjectAlwaysTakesOneLaneAndEveryLaneIsUsed() {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String uid = "central-" + i;
      int lane = Lanes.of(uid);
      assertEquals(lane, Lanes.of(new String(uid.toCharArray())));
      assertTrue(lane >= 0 && lane < Lanes.COUNT, "lane " + lane);
      used.add(lane);
    }
    assertEquals(Lanes.COUNT, used.size());
  }

  @Test
  void splittingKeepsEachObjectsChangesInOrderAndLosesNothing() {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      changes.add("k" + (i % 37) + ":" + i);
    }
    List<List<String>> lanes = Lanes.split(changes, c -> c.substring(0, c.indexOf(':')));
    assertEquals(changes.size(), lanes.stream().mapToInt(List::size).sum());
    for (List<String> lane : lanes) {
      assertTrue(!lane.isEmpty());
      int lastIndex = -1;
      Set<Integer> laneOf = new HashSet<>();
      for (String c : lane) {
        int index = Integer.parseInt(c.substring(c.indexOf(':') + 1));
        assertTrue(index > lastIndex, "in the order given: " + lane);
        lastIndex = index;
        laneOf.add(Lanes.of(c.substring(0, c.indexOf(':'))));
      }
      assertEquals(1, laneOf.size(), "one lane's objects only");
    }
  }

  @Test
  void emptyLanesAreLeftOut() {
    assertEquals(List.of(List.of("a")), Lanes.split(List.of("a"), c -> c));
    assertEquals(List.of(), Lanes.split(List.<String>of(), c -> c));
  }
}
