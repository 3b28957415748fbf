package io.keyfed.application.federation;

import io.keyfed.domain.object.ManagedObject;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The objects the current transaction loaded or created, each with its snapshot as first seen.
 * The repository reports to it; the federation engine reads it when the operation ends, still
 * inside the transaction.
 */
@TransactionScoped
public class ChangeTracker implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Per object: its snapshot when first loaded, or null when the transaction created it. */
  private final transient Map<String, ObjectSnapshot> before = new LinkedHashMap<>();
  private final transient Map<String, ManagedObject> objects = new LinkedHashMap<>();
  private boolean applyingFromPeer;

  public void loaded(ManagedObject o) {
    if (!objects.containsKey(o.uniqueIdentifier())) {
      objects.put(o.uniqueIdentifier(), o);
      before.put(o.uniqueIdentifier(), ObjectSnapshot.of(o));
    }
  }

  public void created(ManagedObject o) {
    objects.put(o.uniqueIdentifier(), o);
    before.put(o.uniqueIdentifier(), null);
  }

  Map<String, ManagedObject> objects() {
    return objects;
  }

  ObjectSnapshot before(String uid) {
    return before.get(uid);
  }

  /** The transaction applies a peer's change: replica rules and propagation back to it differ. */
  public void applyingFromPeer() {
    applyingFromPeer = true;
  }

  boolean isApplyingFromPeer() {
    return applyingFromPeer;
  }

  void clear() {
    objects.clear();
    before.clear();
  }
}
