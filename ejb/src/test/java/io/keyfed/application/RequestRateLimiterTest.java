package io.keyfed.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

  @Test
  void aBurstOfTwiceTheRateThenRefusalPerIdentity() {
    RequestRateLimiter l = RequestRateLimiter.of(10);
    for (int i = 0; i < 20; i++) {
      assertTrue(l.tryAcquire("alice", 1), "burst item " + i);
    }
    assertFalse(l.tryAcquire("alice", 1), "over the burst");
    assertTrue(l.tryAcquire("bob", 20), "another identity has its own bucket");
    assertFalse(l.tryAcquire("carol", 21), "a single batch larger than the burst");
  }

  @Test
  void zeroMeansNoLimit() {
    RequestRateLimiter l = RequestRateLimiter.of(0);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(l.tryAcquire("alice", 100));
    }
  }
}
