package io.keyfed.domain.bulk;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One bulk export or import and how far it got. The position is committed with the work it
 * covers — an import's byte offset in the same transaction as the objects it stored, an export's
 * file length and last identifier after the records are on disk — so that a job carries on where
 * it stood after a crash: an import stores nothing twice, an export's file has every selected
 * object once.
 */
@Entity
@Table(name = "KF_BULK_JOB")
public class BulkJob {

  public enum Kind { EXPORT, IMPORT }

  public enum JobState { RUNNING, COMPLETE, FAILED }

  /** Most characters of failure detail kept (the first failures; the count goes on). */
  static final int MAX_FAILURES_TEXT = 4000;

  @Id
  @SequenceGenerator(name = "KF_BULK_JOB_SEQ", sequenceName = "KF_BULK_JOB_SEQ", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "KF_BULK_JOB_SEQ")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(name = "KIND", length = 10, nullable = false)
  private Kind kind;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATE", length = 10, nullable = false)
  private JobState state;

  @Column(name = "REQUESTED_BY", length = 512)
  private String requestedBy;

  /** Export: the key every key is wrapped under. Import: the key to unwrap with (null: the one each record names). */
  @Column(name = "WRAPPING_KEY", length = 128)
  private String wrappingKey;

  /** Export: only this Object Group (null: all). */
  @Column(name = "OBJECT_GROUP", length = 512)
  private String objectGroup;

  /** Export: only this owner's objects. Import: the owner of every object stored (null: each record's). */
  @Column(name = "OWNER", length = 512)
  private String owner;

  /** Import: whether an existing object of a record's identifier is replaced (else it is skipped). */
  @Column(name = "REPLACE_EXISTING")
  private boolean replaceExisting;

  /** Export: the objects to examine (this server's, or the owner's) when the job started. Import: the file's length in bytes. */
  @Column(name = "OBJECTS_TOTAL")
  private long total;

  /** Export: objects examined so far (selected or not by the Object Group). */
  @Column(name = "OBJECTS_EXAMINED")
  private long examined;

  /** Objects written (export) or stored (import). */
  @Column(name = "OBJECTS_DONE")
  private long done;

  /** Objects left out, each for a reason the summary counts (destroyed, a replica, already here, ...). */
  @Column(name = "OBJECTS_SKIPPED")
  private long skipped;

  @Column(name = "OBJECTS_FAILED")
  private long failed;

  /** Export: the last Unique Identifier written (objects go in identifier order). */
  @Column(name = "LAST_UID", length = 128)
  private String lastUniqueIdentifier;

  /** Export: the file's committed length. Import: the offset of the next record to read. */
  @Column(name = "POSITION_BYTES")
  private long position;

  @Column(name = "STARTED_AT", nullable = false)
  private LocalDateTime startedAt;

  @Column(name = "FINISHED_AT")
  private LocalDateTime finishedAt;

  /** Why the job stopped (FAILED), or null. */
  @Column(name = "ERROR_TEXT", length = 2000)
  private String error;

  /** The first failed records: identifier and reason, one a line. */
  @Column(name = "FAILURE_TEXT", length = MAX_FAILURES_TEXT)
  private String failures;

  /** Skips by reason, "reason=count" a line. */
  @Column(name = "SKIP_TEXT", length = 2000)
  private String skips;

  protected BulkJob() {}

  public static BulkJob export(String requestedBy, String wrappingKey, String objectGroup, String owner, long total, Instant now) {
    BulkJob j = new BulkJob();
    j.kind = Kind.EXPORT;
    j.state = JobState.RUNNING;
    j.requestedBy = requestedBy;
    j.wrappingKey = wrappingKey;
    j.objectGroup = objectGroup;
    j.owner = owner;
    j.total = total;
    j.startedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    return j;
  }

  public static BulkJob importing(String requestedBy, String unwrappingKey, String owner, boolean replaceExisting, long bytes,
      Instant now) {
    BulkJob j = new BulkJob();
    j.kind = Kind.IMPORT;
    j.state = JobState.RUNNING;
    j.requestedBy = requestedBy;
    j.wrappingKey = unwrappingKey;
    j.owner = owner;
    j.replaceExisting = replaceExisting;
    j.total = bytes;
    j.startedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
    return j;
  }

  /** A page of work committed: the counts grow, the position moves on. */
  public void progressed(long doneNow, java.util.Map<String, Integer> skippedNow, java.util.List<String> failedNow,
      String lastUid, long newPosition) {
    done += doneNow;
    for (java.util.Map.Entry<String, Integer> e : skippedNow.entrySet()) {
      skipped += e.getValue();
      skips = SkipCounts.add(skips, e.getKey(), e.getValue());
    }
    failed += failedNow.size();
    for (String f : failedNow) {
      String line = f.length() > 300 ? f.substring(0, 300) : f;
      String next = failures == null ? line : failures + "\n" + line;
      if (next.length() <= MAX_FAILURES_TEXT) {
        failures = next;
      }
    }
    if (lastUid != null) {
      lastUniqueIdentifier = lastUid;
    }
    position = newPosition;
  }

  /** An export page looked at {@code n} more objects. */
  public void examined(long n) {
    examined += n;
  }

  public long examinedCount() {
    return examined;
  }

  public void completed(Instant now) {
    state = JobState.COMPLETE;
    finishedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  public void failed(String why, Instant now) {
    state = JobState.FAILED;
    error = why == null ? null : why.length() > 2000 ? why.substring(0, 2000) : why;
    finishedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  public Long id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public JobState state() {
    return state;
  }

  public boolean running() {
    return state == JobState.RUNNING;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public String wrappingKey() {
    return wrappingKey;
  }

  public String objectGroup() {
    return objectGroup;
  }

  public String owner() {
    return owner;
  }

  public boolean replaceExisting() {
    return replaceExisting;
  }

  public long total() {
    return total;
  }

  public long done() {
    return done;
  }

  public long skipped() {
    return skipped;
  }

  public long failedCount() {
    return failed;
  }

  public String lastUniqueIdentifier() {
    return lastUniqueIdentifier;
  }

  public long position() {
    return position;
  }

  public Instant startedAt() {
    return startedAt.toInstant(ZoneOffset.UTC);
  }

  public Instant finishedAt() {
    return finishedAt == null ? null : finishedAt.toInstant(ZoneOffset.UTC);
  }

  public String error() {
    return error;
  }

  public java.util.List<String> failures() {
    return failures == null ? java.util.List.of() : java.util.List.of(failures.split("\n"));
  }

  public java.util.Map<String, Long> skipsByReason() {
    return SkipCounts.parse(skips);
  }

  /**
   * How far the job is, as a fraction: an export by objects, an import by bytes of the file read
   * (its object count is known only at the end).
   */
  public double fraction() {
    if (state == JobState.COMPLETE) {
      return 1.0;
    }
    if (kind == Kind.EXPORT) {
      return total == 0 ? 0 : Math.min(1.0, examined / (double) total);
    }
    return total == 0 ? 0 : Math.min(1.0, position / (double) total);
  }

  /** Objects handled per second since the start (to the end, once finished). */
  public double objectsPerSecond(Instant now) {
    Instant end = finishedAt == null ? now : finishedAt();
    double seconds = Math.max(0.001, Duration.between(startedAt(), end).toMillis() / 1000.0);
    return (done + skipped + failed) / seconds;
  }

  /** Time left at the rate so far; null when it cannot be told yet. */
  public Duration estimatedLeft(Instant now) {
    if (state != JobState.RUNNING) {
      return state == JobState.COMPLETE ? Duration.ZERO : null;
    }
    double f = fraction();
    if (f <= 0) {
      return null;
    }
    long elapsed = Duration.between(startedAt(), now).toMillis();
    return Duration.ofMillis((long) (elapsed * (1 - f) / f));
  }
}
