package io.keyfed.application;

import io.keyfed.domain.object.ManagedObject;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** One transaction of a master-key rotation: a batch of objects re-sealed under the current key. */
@Stateless
public class MasterKeyRewrapBatch {

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Inject
  ObjectSealer sealer;

  /** Re-seals up to {@code max} objects not yet under {@code currentKeyId}; returns how many. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int rewrap(String currentKeyId, int max) {
    List<ManagedObject> batch = em.createNamedQuery(ManagedObject.SEALED_UNDER_OTHER_KEY, ManagedObject.class)
        .setParameter("current", currentKeyId).setMaxResults(max).getResultList();
    for (ManagedObject o : batch) {
      byte[] plain = sealer.unseal(o.uniqueIdentifier(), o.sealedObject());
      try {
        o.reseal(sealer.seal(o.uniqueIdentifier(), plain));
      } finally {
        java.util.Arrays.fill(plain, (byte) 0);
      }
    }
    return batch.size();
  }
}
