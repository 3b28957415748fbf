package io.keyfed.application;

import io.keyfed.infrastructure.config.KeyfedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-identity request rate (token bucket): {@code keyfed.kmip.rate-per-identity} batch items per
 * second on average, bursts up to twice that. One client — or one stolen certificate — cannot
 * take the whole server; others keep their share. Over the limit, the request is refused with
 * Server Limit Exceeded (General Failure for 1.x clients) rather than queued, so a flood costs
 * the server almost nothing.
 */
@ApplicationScoped
public class RequestRateLimiter {

  @Inject
  KeyfedConfig config;

  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private double rate;

  @PostConstruct
  void init() {
    rate = config.requestRatePerIdentity();
  }

  /** For unit tests. */
  public static RequestRateLimiter of(double perSecond) {
    RequestRateLimiter l = new RequestRateLimiter();
    l.rate = perSecond;
    return l;
  }

  /** Takes {@code items} tokens for {@code identity}; false when over the limit. */
  public boolean tryAcquire(String identity, int items) {
    if (rate <= 0) {
      return true;
    }
    if (buckets.size() > 100_000) {
      buckets.clear(); // a bound on memory; every bucket simply starts full again
    }
    return buckets.computeIfAbsent(identity, k -> new Bucket(2 * rate)).take(items, rate, 2 * rate, System.nanoTime());
  }

  private static final class Bucket {
    private double tokens;
    private long last = System.nanoTime();

    Bucket(double capacity) {
      tokens = capacity;
    }

    synchronized boolean take(int n, double rate, double capacity, long now) {
      tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
      last = now;
      if (tokens < n) {
        return false;
      }
      tokens -= n;
      return true;
    }
  }
}
