package io.keyfed.application;

import io.keyfed.domain.object.ManagedObject;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.crypto.MasterKeySealer;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Master-key rotation: a new current key, then every object re-sealed under it, in batches of
 * {@code keyfed.master-key.rewrap-batch} per transaction. The work to do is read from the data
 * (objects whose SEAL_KEY_ID is not the current key), so the re-sealing is resumable: after a crash
 * or a restart, {@link #startRewrap()} carries on where it stopped, and nothing is sealed twice
 * needlessly. A previous key is retired only once no object is sealed under it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MasterKeyRotation {

  private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class.getName());

  @Inject
  MasterKeySealer sealer;

  @Inject
  KeyfedConfig config;

  @Inject
  MasterKeyRewrapBatch batches;

  @PersistenceContext(unitName = "keyfed")
  EntityManager em;

  @Resource
  ManagedExecutorService executor;

  private volatile boolean running;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile String lastError;
  private final AtomicLong resealed = new AtomicLong();

  /** What the keys and the objects look like now. */
  public record Status(String currentKeyId, List<String> loadedKeyIds, Map<String, Long> objectsByKey,
      boolean rewrapRunning, long resealedByThisRun, Instant startedAt, Instant finishedAt, String lastError) {}

  public Status status() {
    Map<String, Long> byKey = new LinkedHashMap<>();
    for (Object[] row : em.createNamedQuery(ManagedObject.COUNT_BY_SEAL_KEY, Object[].class).getResultList()) {
      byKey.put((String) row[0], (Long) row[1]);
    }
    return new Status(sealer.currentKeyId(), sealer.ring().ids(), byKey, running, resealed.get(), startedAt, finishedAt, lastError);
  }

  /** Makes a new current master key (the old one stays for unsealing) and starts re-sealing. */
  public Status rotate() throws IOException, GeneralSecurityException {
    synchronized (this) {
      if (running) {
        throw new IllegalStateException("a re-sealing run is in progress; wait for it before rotating again");
      }
      sealer.ring().rotate();
      sealer.reload();
      LOG.info("master key rotated: current key is now " + sealer.currentKeyId());
    }
    return startRewrap();
  }

  /** Starts (or resumes) re-sealing every object not under the current key; no-op if running. */
  public synchronized Status startRewrap() {
    if (!running) {
      running = true;
      startedAt = Instant.now();
      finishedAt = null;
      lastError = null;
      resealed.set(0);
      executor.submit(this::rewrapAll);
    }
    return status();
  }

  private void rewrapAll() {
    String current = sealer.currentKeyId();
    int batch = config.masterKeyRewrapBatch();
    int failures = 0;
    try {
      while (true) {
        int n;
        try {
          n = batches.rewrap(current, batch);
          failures = 0;
        } catch (RuntimeException e) {
          // Most likely an object changed under us (optimistic lock): try the batch again.
          if (++failures > 10) {
            throw e;
          }
          LOG.log(Level.FINE, "re-sealing batch failed, retrying", e);
          continue;
        }
        if (n == 0) {
          break;
        }
        long done = resealed.addAndGet(n);
        Duration t = Duration.between(startedAt, Instant.now());
        LOG.info(String.format("master key rotation: %d objects re-sealed under %s (%.0f/s)", done, current,
            done / Math.max(0.001, t.toMillis() / 1000.0)));
      }
      LOG.info("master key rotation: every object is sealed under " + current);
    } catch (RuntimeException e) {
      lastError = e.toString();
      LOG.log(Level.SEVERE, "master key re-sealing stopped; run it again to resume", e);
    } finally {
      finishedAt = Instant.now();
      running = false;
    }
  }

  /** Removes a previous key; refused while any object is still sealed under it. */
  public synchronized Status retire(String keyId) throws IOException, GeneralSecurityException {
    Long using = status().objectsByKey().get(keyId);
    if (using != null && using > 0) {
      throw new IllegalStateException(using + " objects are still sealed under " + keyId + "; re-seal them first");
    }
    sealer.ring().retire(keyId);
    sealer.reload();
    return status();
  }
}
