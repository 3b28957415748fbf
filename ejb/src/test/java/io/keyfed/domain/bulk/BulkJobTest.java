package io.keyfed.domain.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkJobTest {

  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  @Test
  void anExportCountsItsPagesAndTellsTheTimeLeftFromTheRateSoFar() {
    BulkJob j = BulkJob.export("admin", "k1", null, null, 1000, T0);
    assertNull(j.estimatedLeft(T0), "nothing done: no estimate");
    j.examined(251);
    j.progressed(200, Map.of("destroyed (no key material left)", 50), List.of("u7: bad"), "u250", 4096);
    assertEquals(251, j.done() + j.skipped() + j.failedCount());
    assertEquals(0.251, j.fraction(), 1e-9);
    assertEquals("u250", j.lastUniqueIdentifier());
    assertEquals(4096, j.position());
    // 251 of 1000 in 10 s: 749 more at that rate
    Duration left = j.estimatedLeft(T0.plusSeconds(10));
    assertEquals(29.8, left.toMillis() / 1000.0, 0.1);
    assertEquals(25.1, j.objectsPerSecond(T0.plusSeconds(10)), 1e-9);
    j.examined(16);
    j.progressed(10, Map.of("destroyed (no key material left)", 5, "a replica (its master x exports it)", 1), List.of(), null, 5000);
    assertEquals(Map.of("destroyed (no key material left)", 55L, "a replica (its master x exports it)", 1L), j.skipsByReason());
    assertEquals("u250", j.lastUniqueIdentifier(), "a page without identifiers keeps the last one");
    assertEquals(List.of("u7: bad"), j.failures());
  }

  @Test
  void anImportIsMeasuredInBytesOfItsFileAndEndsComplete() {
    BulkJob j = BulkJob.importing("admin", null, null, false, 8000, T0);
    j.progressed(3, Map.of(), List.of(), null, 2000);
    assertEquals(0.25, j.fraction(), 1e-9);
    j.completed(T0.plusSeconds(4));
    assertEquals(1.0, j.fraction());
    assertEquals(Duration.ZERO, j.estimatedLeft(T0.plusSeconds(100)));
    assertEquals(0.75, j.objectsPerSecond(T0.plusSeconds(100)), 1e-9, "the rate stops at the end");
  }

  @Test
  void failureDetailIsBoundedButTheCountGoesOn() {
    BulkJob j = BulkJob.importing("admin", null, null, false, 1, T0);
    for (int i = 0; i < 100; i++) {
      j.progressed(0, Map.of(), List.of("record at byte " + i + ": " + "x".repeat(290)), null, i);
    }
    assertEquals(100, j.failedCount());
    assertTrue(j.failures().size() < 100 && !j.failures().isEmpty());
    assertTrue(String.join("\n", j.failures()).length() <= BulkJob.MAX_FAILURES_TEXT);
    j.failed("the file ends inside a record", T0);
    assertEquals(BulkJob.JobState.FAILED, j.state());
    assertNull(j.estimatedLeft(T0));
  }
}
