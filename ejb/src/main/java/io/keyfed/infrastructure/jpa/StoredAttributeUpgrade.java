package io.keyfed.infrastructure.jpa;

import io.keyfed.domain.object.ManagedObject;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Logger;

/**
 * At start-up, gives attribute rows written before the Attribute Index and search-number columns
 * existed their index and search columns (the schema itself is extended by EclipseLink's
 * create-or-extend-tables), so that Locate can trust those columns. Nothing to do on a database
 * created by this version.
 */
@Singleton
@Startup
public class StoredAttributeUpgrade {

  private static final Logger LOG = Logger.getLogger(StoredAttributeUpgrade.class.getName());

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @PostConstruct
  void upgrade() {
    List<String> legacy = em.createQuery(
        "SELECT DISTINCT a.managedObject.uniqueIdentifier FROM StoredAttribute a WHERE a.attributeIndex IS NULL",
        String.class).getResultList();
    for (String uid : legacy) {
      ManagedObject o = em.find(ManagedObject.class, uid);
      if (o != null) {
        o.upgradeStoredAttributes();
      }
    }
    if (!legacy.isEmpty()) {
      LOG.info("gave Attribute Indices and search columns to the attributes of " + legacy.size() + " objects");
    }
  }
}
