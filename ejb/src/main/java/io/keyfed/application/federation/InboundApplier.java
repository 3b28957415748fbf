package io.keyfed.application.federation;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the changes of one inbound message — the Puts and Notifies a peer sent in one request
 * message — in their order, in one transaction: one commit for the run instead of one per change.
 *
 * <p>When that transaction fails, the changes are applied again one by one, each in a transaction
 * of its own, so that one change that cannot be applied does not hold back the others: every change
 * that applies is kept; after a failed change, the later changes of the same object are not tried
 * (they would overtake it). If any failed, the message is failed as a whole (rethrown): the broker
 * redelivers it, the changes already applied are skipped as repeats (the (origin, object) sequence
 * record), the failed ones are tried again in order, and after the broker's redeliveries the
 * message goes to its dead-letter queue with the cause naming the changes that failed. Rethrowing
 * rather than re-queuing the failed changes keeps them ahead of the peer's later messages, as
 * one message per change did.
 */
@Stateless
public class InboundApplier {

  @Inject
  ReplicaApplier applier;

  public void apply(String origin, List<InboundChange> changes) {
    try {
      applier.applyTogether(origin, changes);
      return;
    } catch (RuntimeException e) {
      if (changes.size() == 1) {
        throw e;
      }
    }
    Set<String> held = new HashSet<>();
    List<String> failures = new ArrayList<>();
    for (InboundChange c : changes) {
      if (held.contains(c.uniqueIdentifier())) {
        continue;
      }
      try {
        applier.applyAlone(origin, c);
      } catch (RuntimeException e) {
        held.add(c.uniqueIdentifier());
        failures.add(c.kind() + " of " + c.uniqueIdentifier() + ": " + reason(e));
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " of " + changes.size() + " changes from " + origin
          + " not applied (the others were): " + String.join("; ", failures));
    }
  }

  /** The innermost message: the container wraps a bean's failure in its own exceptions. */
  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
  }
}
