package io.keyfed.application.federation;

import io.keyfed.domain.federation.PropagationRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The active propagation rules, read once and kept: every KMIP operation consults them, and most
 * servers have none. The admin API invalidates the cache when it changes a rule or a server; other
 * instances sharing the database see the change within {@link #MAX_AGE_NANOS}.
 */
@ApplicationScoped
public class RuleCache {

  static final long MAX_AGE_NANOS = 10_000_000_000L;

  @Inject
  FederationReads reads;

  private volatile List<PropagationRule> rules;
  private volatile long loadedAt;

  public List<PropagationRule> active() {
    List<PropagationRule> r = rules;
    if (r == null || System.nanoTime() - loadedAt > MAX_AGE_NANOS) {
      r = reads.activeRules();
      rules = List.copyOf(r);
      loadedAt = System.nanoTime();
    }
    return r;
  }

  public void invalidate() {
    rules = null;
  }
}
