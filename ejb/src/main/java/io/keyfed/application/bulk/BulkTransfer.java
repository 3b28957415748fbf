package io.keyfed.application.bulk;

import io.keyfed.domain.bulk.BulkJob;
import io.keyfed.infrastructure.config.KeyfedConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bulk export and import jobs (issue 7): started by the admin API, run a page per transaction on
 * the server's managed executor, their progress logged every ten seconds and kept in the database.
 * A job the server was running when it stopped (or was killed) is picked up again by the
 * five-second timer and carries on from its committed position.
 *
 * <p>Files live in {@code $KEYFED_HOME/bulk} (mode 700): {@code export-<id>.ttlv} until the
 * administrator deletes the job, {@code import-<id>.ttlv} the uploaded file.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BulkTransfer {

  private static final Logger LOG = Logger.getLogger(BulkTransfer.class.getName());
  /** Objects a transaction exports or imports. */
  static final int PAGE = 500;
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;
  /** Failed export pages in a row before the job is given up (an object changing under the page, a busy database). */
  private static final int EXPORT_RETRIES = 5;

  @Inject
  BulkPages pages;

  @Inject
  BulkJobs jobs;

  @Inject
  KeyfedConfig config;

  @Resource
  ManagedExecutorService executor;

  private final Set<Long> active = ConcurrentHashMap.newKeySet();

  /** A request the admin API answers with 400 (what is wrong is in the message); thrown as it is, not wrapped. */
  @jakarta.ejb.ApplicationException
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Starts exporting the objects selected (this server's own, the owner's, in the Object Group;
   * null: any) with every key wrapped under {@code wrappingKey}.
   *
   * @throws Refused when the wrapping key cannot wrap
   */
  public BulkJob startExport(String requestedBy, String wrappingKey, String objectGroup, String owner) {
    if (wrappingKey == null || wrappingKey.isBlank()) {
      throw new Refused("wrappingKey is required: the Unique Identifier of a key every exported key is wrapped under");
    }
    if (objectGroup != null && objectGroup.length() > 512) {
      throw new Refused("objectGroup is longer than 512 characters");
    }
    String problem = jobs.wrappingKeyProblem(wrappingKey);
    if (problem != null) {
      throw new Refused(problem);
    }
    BulkJob j = jobs.createExport(requestedBy, wrappingKey, objectGroup, owner);
    LOG.info("bulk export " + j.id() + " started by " + requestedBy + ": " + j.total() + " objects to examine, keys wrapped under "
        + wrappingKey);
    submit(j.id());
    return j;
  }

  /**
   * Stores the uploaded file, then starts importing it.
   *
   * @param unwrappingKey the key to unwrap every key with, or null for the key each record names
   * @param owner the owner of every object stored, or null for each record's
   * @throws Refused when the file is larger than {@code keyfed.bulk.max-import-bytes}
   */
  public BulkJob startImport(String requestedBy, InputStream body, String unwrappingKey, String owner, boolean replaceExisting)
      throws IOException {
    Path dir = directory();
    Path upload = Files.createTempFile(dir, "upload-", ".part");
    long max = config.bulkMaxImportBytes();
    long bytes;
    try {
      try (OutputStream out = Files.newOutputStream(upload)) {
        bytes = copy(body, out, max);
      }
      if (bytes < 0) {
        throw new Refused("the file is larger than keyfed.bulk.max-import-bytes (" + max + " bytes)");
      }
      if (bytes == 0) {
        throw new Refused("the file is empty");
      }
      BulkJob j = jobs.createImport(requestedBy, unwrappingKey, owner, replaceExisting, bytes);
      Files.move(upload, file(j), StandardCopyOption.ATOMIC_MOVE);
      LOG.info("bulk import " + j.id() + " started by " + requestedBy + ": " + bytes + " bytes");
      submit(j.id());
      return j;
    } finally {
      Files.deleteIfExists(upload);
    }
  }

  /** Copies at most {@code max} bytes; -1 when there were more. */
  private static long copy(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > max) {
        return -1;
      }
      out.write(buf, 0, n);
    }
    return total;
  }

  public BulkJob job(long id) {
    return jobs.find(id);
  }

  public List<BulkJob> list(BulkJob.Kind kind) {
    return jobs.list(kind);
  }

  /** The job's file (an export's once complete). */
  public Path file(BulkJob j) {
    return directory().resolve(j.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + j.id() + ".ttlv");
  }

  /**
   * Removes a finished job and its file.
   *
   * @return false when there is no such job
   * @throws IllegalStateException while it runs
   */
  public boolean delete(long id) throws IOException {
    BulkJob j = jobs.find(id);
    if (j == null) {
      return false;
    }
    if (j.running()) {
      throw new IllegalStateException("job " + id + " is running");
    }
    Files.deleteIfExists(file(j));
    jobs.delete(id);
    return true;
  }

  /**
   * Picks up the jobs this server was running when it stopped, and removes what uploads cut off
   * by a crash left behind (a part file not written to for an hour).
   */
  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void resume() {
    try (java.util.stream.Stream<Path> parts = Files.list(directory())) {
      Instant stale = Instant.now().minus(Duration.ofHours(1));
      for (Path p : parts.filter(f -> f.getFileName().toString().startsWith("upload-")).toList()) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(stale)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.FINE, "bulk upload leftovers not checked this time", e);
    }
    try {
      for (Long id : jobs.running()) {
        if (!active.contains(id)) {
          submit(id);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "bulk jobs not checked this time", e);
    }
  }

  private void submit(long id) {
    if (active.add(id)) {
      try {
        executor.submit(() -> run(id));
      } catch (RuntimeException e) {
        active.remove(id);
        throw e;
      }
    }
  }

  private void run(long id) {
    try {
      BulkJob j = jobs.find(id);
      if (j == null || !j.running()) {
        return;
      }
      Path f = file(j);
      long loggedAt = System.nanoTime();
      int failures = 0;
      int singles = 0;
      String skipOne = null;
      while (true) {
        boolean more;
        try {
          if (j.kind() == BulkJob.Kind.EXPORT) {
            more = pages.exportPage(id, f, PAGE);
          } else {
            more = pages.importPage(id, f, singles > 0 ? 1 : PAGE, skipOne);
            if (singles > 0) {
              singles--;
            }
            skipOne = null;
          }
          failures = 0;
        } catch (EJBException | IOException | UncheckedIOException e) {
          String why = rootMessage(e);
          if (j.kind() == BulkJob.Kind.IMPORT && singles == 0 && skipOne == null) {
            // One record spoils the page's transaction (a constraint the database enforces): find
            // it, one record per transaction through this page.
            LOG.log(Level.FINE, "bulk import " + id + ": a page failed, going record by record", e);
            singles = PAGE;
            continue;
          }
          if (j.kind() == BulkJob.Kind.IMPORT && skipOne == null) {
            skipOne = why;
            continue;
          }
          if (j.kind() == BulkJob.Kind.EXPORT && ++failures <= EXPORT_RETRIES) {
            LOG.log(Level.FINE, "bulk export " + id + ": a page failed, retrying", e);
            continue;
          }
          jobs.fail(id, why);
          LOG.log(Level.WARNING, "bulk " + j.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + id + " failed: " + why, e);
          return;
        }
        if (!more || System.nanoTime() - loggedAt > LOG_EVERY_NANOS) {
          loggedAt = System.nanoTime();
          log(jobs.find(id));
        }
        if (!more) {
          return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "bulk job " + id + " stopped; it resumes on the next timer", e);
    } finally {
      active.remove(id);
    }
  }

  private static void log(BulkJob j) {
    if (j == null) {
      return;
    }
    Instant now = Instant.now();
    Duration left = j.estimatedLeft(now);
    String what = j.kind() == BulkJob.Kind.EXPORT ? "exported" : "imported";
    LOG.info(String.format("bulk %s %d: %d objects %s, %d skipped, %d failed%s (%.1f/s%s)%s",
        j.kind().name().toLowerCase(java.util.Locale.ROOT), j.id(), j.done(), what, j.skipped(), j.failedCount(),
        j.kind() == BulkJob.Kind.EXPORT ? ", " + j.examinedCount() + " of " + j.total() + " examined" : String.format(", %.0f%% of the file", j.fraction() * 100),
        j.objectsPerSecond(now), left == null || !j.running() ? "" : ", about " + left.toSeconds() + " s left",
        j.running() ? "" : "; " + j.state().name().toLowerCase(java.util.Locale.ROOT)));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private Path directory() {
    Path dir = config.home().resolve("bulk");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the home directory's own protection applies
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
