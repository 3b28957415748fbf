package io.keyfed.application;

import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.message.Fields;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.CancellationResult;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The batch items answered Operation Pending (KMIP 1.4 §6.7–6.8, Cancel §4.27, Poll §4.28; 2.x
 * the same, with the Asynchronous Indicator an Enumeration): a table from Asynchronous
 * Correlation Value to {@link PendingOperation}, the executor their work runs on (the container's
 * default ManagedExecutorService), and the answers to Poll and Cancel.
 *
 * <p>A correlation value is 16 random bytes and belongs to the client that sent the request; to
 * any other client it does not exist (Poll: Item Not Found, or Invalid Asynchronous Correlation
 * Value in 2.x; Cancel: Unavailable). The table is bounded per client and in total
 * ({@link AsyncSettings}); a finished item is kept for the retention time, then forgotten. When
 * space is short, results already collected by a Poll go first. The table lives in this server's
 * memory: a Poll must reach the server instance that answered Operation Pending, and pending items
 * do not survive a restart.
 */
@ApplicationScoped
public class AsynchronousOperations {

  /**
   * Operations that change nothing on the server. A Cancel of such an operation whose result no
   * Poll has collected yet withdraws the result and answers Canceled: for the client the operation
   * might as well never have run, and that is what the OASIS case TC-3.2 (Asynchronous Locate)
   * expects when it cancels a pending Locate.
   */
  static final Set<Operation> READ_ONLY = EnumSet.of(Operation.LOCATE, Operation.GET, Operation.GET_ATTRIBUTES,
      Operation.GET_ATTRIBUTE_LIST, Operation.QUERY, Operation.DISCOVER_VERSIONS, Operation.VALIDATE);

  @Resource
  ManagedExecutorService managedExecutor;

  @Inject
  KeyfedConfig config;

  private Executor executor;
  private AsyncSettings settings = AsyncSettings.DEFAULT;
  private Clock clock = Clock.systemUTC();
  private final Map<String, PendingOperation> table = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile long nextSweep;

  @PostConstruct
  void init() {
    executor = managedExecutor;
    settings = AsyncSettings.from(config);
  }

  /** Without a container (plain tests): work runs on {@code executor}, time is {@code clock}. */
  public static AsynchronousOperations of(Executor executor, AsyncSettings settings, Clock clock) {
    AsynchronousOperations a = new AsynchronousOperations();
    a.executor = executor;
    a.settings = settings;
    a.clock = clock;
    return a;
  }

  public AsyncSettings settings() {
    return settings;
  }

  Instant now() {
    return clock.instant();
  }

  /**
   * New pending operations for these request items, one unit of work each or — {@code oneUnit},
   * an Undo batch — one for them all; null when this client (or the server) has no room for them.
   */
  synchronized List<PendingOperation> register(String owner, List<RequestBatchItem> items, boolean oneUnit) {
    sweep(true);
    int mine = 0;
    for (PendingOperation p : table.values()) {
      if (p.owner().equals(owner)) {
        mine++;
      }
    }
    int n = items.size();
    mine -= evictCollected(owner, mine + n - settings.maxPerClient());
    int total = table.size() - evictCollected(null, table.size() + n - settings.maxTotal());
    if (mine + n > settings.maxPerClient() || total + n > settings.maxTotal()) {
      return null;
    }
    List<PendingOperation> out = new ArrayList<>(n);
    PendingOperation.Work shared = oneUnit ? new PendingOperation.Work() : null;
    for (RequestBatchItem item : items) {
      byte[] acv = new byte[16];
      PendingOperation p;
      do {
        random.nextBytes(acv);
        p = new PendingOperation(acv, owner, item, shared != null ? shared : new PendingOperation.Work());
      } while (table.putIfAbsent(p.key(), p) != null);
      out.add(p);
    }
    return out;
  }

  /** Forgets operations whose pending answer never reached the client (a Stop cut the batch short). */
  void withdraw(List<PendingOperation> ops) {
    for (PendingOperation p : ops) {
      table.remove(p.key(), p);
    }
  }

  /** Runs work in the background. */
  void submit(Runnable work) {
    executor.execute(work);
  }

  /** The client's operation with this correlation value, or null (unknown, expired or another's). */
  public PendingOperation find(byte[] correlationValue, String owner) {
    sweep(false);
    PendingOperation p = table.get(PendingOperation.key(correlationValue));
    if (p == null || !p.owner().equals(owner) || expired(p, now())) {
      return null;
    }
    return p;
  }

  /** Cancel (KMIP 1.4 §4.27): what became of the operation. */
  public CancellationResult cancel(byte[] correlationValue, String owner) {
    PendingOperation p = find(correlationValue, owner);
    if (p == null) {
      return CancellationResult.UNAVAILABLE;
    }
    if (p.work().requestCancel()) {
      // Not committed and now never will be: the runner rolls it back (or never starts it).
      return CancellationResult.CANCELED;
    }
    try {
      p.done().get(settings.cancelWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return CancellationResult.UNABLE_TO_CANCEL;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CancellationResult.UNABLE_TO_CANCEL;
    } catch (ExecutionException e) {
      return CancellationResult.FAILED;
    }
    ResponseBatchItem r = p.result();
    if (PendingOperation.isCanceled(r)) {
      return CancellationResult.CANCELED;
    }
    Operation op = p.item().knownOperation();
    if (r.resultStatus() == ResultStatus.SUCCESS && op != null && READ_ONLY.contains(op)
        && p.withdraw(PendingOperation.canceled(p.item(), "canceled by the client before its result was collected"))) {
      return CancellationResult.CANCELED;
    }
    return r.resultStatus() == ResultStatus.SUCCESS ? CancellationResult.COMPLETED : CancellationResult.FAILED;
  }

  /** The Asynchronous Correlation Value of a Poll or Cancel request payload. */
  public static byte[] correlationValueOf(Ttlv payload, Operation op) {
    if (payload == null) {
      throw KmipException.invalidMessage(op.specName() + " needs a Request Payload with the Asynchronous Correlation Value");
    }
    return Fields.bytes(Fields.required(Fields.structure(payload), Tag.ASYNCHRONOUS_CORRELATION_VALUE));
  }

  /** How many operations are in the table (pending or kept), for tests and health. */
  public int size() {
    sweep(true);
    return table.size();
  }

  private boolean expired(PendingOperation p, Instant now) {
    Instant done = p.finishedAt();
    return done != null && done.plus(settings.retention()).isBefore(now);
  }

  /** Drops expired results; at most once a second unless forced. */
  private void sweep(boolean force) {
    long t = clock.millis();
    if (!force && t < nextSweep) {
      return;
    }
    nextSweep = t + 1000;
    Instant now = clock.instant();
    table.values().removeIf(p -> expired(p, now));
  }

  /** Drops up to {@code count} results that a Poll has already collected, oldest first; of one owner, or of all. */
  private int evictCollected(String owner, int count) {
    if (count <= 0) {
      return 0;
    }
    List<PendingOperation> collected = new ArrayList<>();
    for (PendingOperation p : table.values()) {
      if ((owner == null || p.owner().equals(owner)) && p.finishedAt() != null && p.delivered()) {
        collected.add(p);
      }
    }
    collected.sort(Comparator.comparing(PendingOperation::finishedAt));
    int removed = 0;
    for (PendingOperation p : collected) {
      if (removed == count) {
        break;
      }
      if (table.remove(p.key(), p)) {
        removed++;
      }
    }
    return removed;
  }
}
