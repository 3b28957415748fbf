package io.keyfed.infrastructure.jpa;

import io.keyfed.domain.object.StoredAttribute;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Keeps the database's attribute-id sequence stepping by what the persistence provider takes at a
 * time ({@link StoredAttribute#ID_BLOCK}): the provider assumes the ids from (next value − block +
 * 1) to the next value are its own, so the two must agree or ids repeat. A database created by
 * this version has the sequence made so; an older one stepped by 50, and is altered here once the
 * provider has logged in and before anything is inserted (no sequence yet: a new database, whose
 * tables and sequences are created next).
 *
 * <p>Every server sharing one database must be upgraded together: an older server next to this
 * one would take 50 ids of a block of this one's (the inserts then fail on the primary key).
 */
public class SequenceUpgrade extends SessionEventAdapter {

  private static final Logger LOG = Logger.getLogger(SequenceUpgrade.class.getName());

  @Override
  public void postLogin(SessionEvent event) {
    try {
      event.getSession().executeNonSelectingSQL("ALTER SEQUENCE " + StoredAttribute.ID_SEQUENCE + " INCREMENT BY "
          + StoredAttribute.ID_BLOCK);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "no sequence " + StoredAttribute.ID_SEQUENCE + " to alter yet (a new database)", e);
    }
  }
}
