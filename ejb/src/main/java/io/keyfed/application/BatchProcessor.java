package io.keyfed.application;

import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The batch items of one request, processed (KMIP 1.4 §6.7–6.13 and §7; 2.1 the same Request
 * Header fields and the Asynchronous Indicator, Batch Error Continuation Option and Result Status
 * tables, §11.3, §11.5, §11.47):
 *
 * <ul>
 *   <li>Always in request order, one item at a time (Batch Order Option False lets a server reorder;
 *       Keyfed never does, so a later item always sees an earlier one's effects).
 *   <li>The ID Placeholder passes from item to item; an item that fails — including at its
 *       commit — leaves it as it was.
 *   <li>Stop (the default) and Continue: each item in its own transaction; after a failure, Stop
 *       processes nothing more and returns the items up to the failed one.
 *   <li>Undo: all items in one transaction; at a failure it is rolled back, the earlier items are
 *       answered Result Status Operation Undone with their payloads, the failed item Operation
 *       Failed, the later items not at all (as the OASIS case BL-M-2-21 shows).
 *   <li>Asynchronous Indicator: see {@code processAllowingAsync}.
 * </ul>
 *
 * <p>Holds no state of its own between requests; the work of asynchronous items keeps a reference
 * to it (not to the pooled {@link KmipService} bean that made it).
 */
final class BatchProcessor {

  /** The service's logger: incidents are logged under the name operators know. */
  private static final Logger LOG = Logger.getLogger(KmipService.class.getName());

  private final OperationDispatcher dispatcher;
  private final AuditTrail audit;
  private final TransactionRunner transactions;
  private final AsynchronousOperations async;

  BatchProcessor(OperationDispatcher dispatcher, AuditTrail audit, TransactionRunner transactions, AsynchronousOperations async) {
    this.dispatcher = dispatcher;
    this.audit = audit;
    this.transactions = transactions;
    this.async = async;
  }

  /**
   * A request's items and what governs them.
   *
   * @param versionSupported false: every item but Discover Versions is refused (Invalid Message)
   * @param asked the request's protocol version, for that refusal's message
   * @param fit the response's items cut to the response size limit (the same list when they fit)
   */
  record Batch(List<RequestBatchItem> items, RequestContext ctx, BatchErrorContinuationOption onError,
      boolean versionSupported, ProtocolVersion asked, UnaryOperator<List<ResponseBatchItem>> fit) {

    boolean undo() {
      return onError == BatchErrorContinuationOption.UNDO && items.size() > 1;
    }

    boolean stopsAt(ResponseBatchItem r) {
      return !r.succeeded() && onError != BatchErrorContinuationOption.CONTINUE;
    }
  }

  /** The response items, in request order; asynchronous when {@code mode} allows and the policy says so. */
  List<ResponseBatchItem> process(Batch b, AsynchronousIndicator mode) {
    if (mode == AsynchronousIndicator.OPTIONAL || mode == AsynchronousIndicator.MANDATORY) {
      List<ResponseBatchItem> out = processAllowingAsync(b, mode == AsynchronousIndicator.MANDATORY);
      if (out != null) {
        return out;
      }
    }
    return processNow(b);
  }

  // ---- synchronous ------------------------------------------------------------------------

  private List<ResponseBatchItem> processNow(Batch b) {
    if (b.undo()) {
      return processInOneTransaction(b);
    }
    List<ResponseBatchItem> out = new ArrayList<>(b.items().size());
    for (RequestBatchItem item : b.items()) {
      ResponseBatchItem r = processItem(item, b, null);
      audit(b.ctx(), item, r);
      out.add(r);
      if (b.stopsAt(r)) {
        break;
      }
    }
    return out;
  }

  /**
   * Undo: one transaction. A response too large for the client's Maximum Response Size counts as
   * a failure too (the item whose payload is replaced fails), so the batch is still all or nothing.
   */
  private List<ResponseBatchItem> processInOneTransaction(Batch b) {
    List<ResponseBatchItem> done = new ArrayList<>();
    List<ResponseBatchItem> out;
    try {
      out = transactions.inNewTransaction(tx -> {
        for (RequestBatchItem item : b.items()) {
          ResponseBatchItem r = processItem(item, b, tx);
          done.add(r);
          if (!r.succeeded()) {
            tx.setRollbackOnly();
            return undone(done);
          }
        }
        List<ResponseBatchItem> fitted = b.fit().apply(done);
        if (fitted != done) {
          tx.setRollbackOnly();
          return undone(fitted);
        }
        return new ArrayList<>(done);
      });
    } catch (RuntimeException e) {
      out = commitFailed(b.items(), b.ctx(), done, e);
    }
    for (int i = 0; i < out.size(); i++) {
      audit(b.ctx(), b.items().get(i), out.get(i));
    }
    return out;
  }

  // ---- asynchronous -------------------------------------------------------------------------

  /**
   * The Asynchronous Indicator. Which items are answered Operation Pending:
   *
   * <ul>
   *   <li>Mandatory (2.x): every item; Optional (2.x) or True (1.x): the first item whose operation
   *       is one of {@link AsyncSettings#optional()} (Locate, Create Key Pair, ... by default);
   *   <li>and, once one item is pending, every later item of the batch too: they run after it, in
   *       order, in the same background task, so Batch Order and the ID Placeholder hold (Create
   *       then Activate without identifier, both pending, activates the key just created);
   *   <li>with Undo, the whole batch, as the one transaction it is, if any item is;
   *   <li>never Poll and Cancel (outside an Undo unit): they are answered at once, whatever the
   *       indicator, so a client that sends Mandatory on every request can still collect results.
   * </ul>
   *
   * Under Stop, an item failing in the background leaves the later pending items unprocessed; their
   * Poll answers Operation Failed / Operation Canceled By Requester. When the client already has
   * as many asynchronous items as {@link AsyncSettings#maxPerClient()} allows, Optional is
   * answered synchronously and Mandatory with Server Limit Exceeded.
   *
   * @return null when no item goes asynchronous
   */
  private List<ResponseBatchItem> processAllowingAsync(Batch b, boolean mandatory) {
    List<RequestBatchItem> items = b.items();
    int n = items.size();
    boolean[] background = new boolean[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      Operation op = items.get(i).knownOperation();
      boolean immediate = op == Operation.POLL || op == Operation.CANCEL;
      if (!any && !immediate && (mandatory || (op != null && async.settings().optional().contains(op)))) {
        any = true;
      }
      background[i] = any && !immediate;
    }
    if (!any) {
      return null;
    }
    boolean undo = b.undo();
    List<RequestBatchItem> later = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      background[i] |= undo;
      if (background[i]) {
        later.add(items.get(i));
      }
    }
    List<PendingOperation> pending = async.register(b.ctx().client().name(), later, undo);
    if (pending == null) {
      return mandatory ? refuseAsync(b, background) : null;
    }
    List<ResponseBatchItem> out = new ArrayList<>(n);
    int answered = 0;
    for (int i = 0; i < n; i++) {
      RequestBatchItem item = items.get(i);
      if (background[i]) {
        PendingOperation p = pending.get(answered++);
        out.add(new ResponseBatchItem(item.operation(), item.uniqueBatchItemId(), ResultStatus.OPERATION_PENDING, null,
            null, p.correlationValue(), null));
        continue;
      }
      ResponseBatchItem r = processItem(item, b, null);
      audit(b.ctx(), item, r);
      out.add(r);
      if (b.stopsAt(r)) {
        break;
      }
    }
    async.withdraw(pending.subList(answered, pending.size()));
    if (answered > 0) {
      start(b, pending.subList(0, answered), undo);
    }
    return out;
  }

  private List<ResponseBatchItem> refuseAsync(Batch b, boolean[] background) {
    List<ResponseBatchItem> out = new ArrayList<>();
    for (int i = 0; i < b.items().size(); i++) {
      RequestBatchItem item = b.items().get(i);
      ResponseBatchItem r = background[i]
          ? ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(),
              ResultReasons.forVersion(ResultReason.SERVER_LIMIT_EXCEEDED, b.ctx().version()),
              "too many asynchronous operations under way for this client (at most " + async.settings().maxPerClient()
                  + "); Poll or Cancel some, or send the request without Mandatory")
          : processItem(item, b, null);
      audit(b.ctx(), item, r);
      out.add(r);
      if (b.stopsAt(r)) {
        break;
      }
    }
    return out;
  }

  private void start(Batch b, List<PendingOperation> ops, boolean undo) {
    List<PendingOperation> mine = List.copyOf(ops);
    try {
      async.submit(() -> {
        try {
          if (undo) {
            runAsOneUnit(b, mine);
          } else {
            runInOrder(b, mine);
          }
        } catch (RuntimeException | Error e) {
          String incident = incident();
          LOG.log(Level.SEVERE, "incident " + incident + " in an asynchronous batch", e);
          abandon(mine, "internal error, incident " + incident);
        }
      });
    } catch (RejectedExecutionException e) {
      String incident = incident();
      LOG.log(Level.SEVERE, "incident " + incident + ": the executor refused an asynchronous batch", e);
      abandon(mine, "the server could not start the operation, incident " + incident);
    }
  }

  /** Every item not yet finished gets a General Failure, so no Poll waits for ever. */
  private void abandon(List<PendingOperation> ops, String message) {
    for (PendingOperation p : ops) {
      if (p.result() == null) {
        p.work().finish();
        p.finish(ResponseBatchItem.failure(p.item().operation(), p.item().uniqueBatchItemId(), ResultReason.GENERAL_FAILURE,
            message), async.now());
      }
    }
  }

  /** Stop or Continue in the background: each item its own transaction, each cancelable until it commits. */
  private void runInOrder(Batch b, List<PendingOperation> ops) {
    boolean stopped = false;
    for (PendingOperation p : ops) {
      ResponseBatchItem r;
      if (stopped) {
        p.work().finish();
        r = notProcessed(p.item(), b.onError());
      } else {
        r = runCancelable(b, p);
        audit(b.ctx(), p.item(), r);
        stopped = b.stopsAt(r);
      }
      p.finish(r, async.now());
    }
  }

  private ResponseBatchItem runCancelable(Batch b, PendingOperation p) {
    RequestBatchItem item = p.item();
    if (!p.work().start()) {
      p.work().finish();
      return PendingOperation.canceled(item, "canceled by the client before it started");
    }
    String placeholder = b.ctx().idPlaceholder();
    ResponseBatchItem r;
    try {
      r = transactions.inNewTransaction(tx -> {
        ResponseBatchItem x = processItem(item, b, tx);
        if (!p.work().beginCommit()) {
          tx.setRollbackOnly();
          return PendingOperation.canceled(item, "canceled by the client; nothing of it was kept");
        }
        if (!x.succeeded()) {
          tx.setRollbackOnly();
        }
        return x;
      });
    } catch (RuntimeException e) {
      r = failureOf(item, e, b.ctx());
    }
    if (!r.succeeded()) {
      b.ctx().setIdPlaceholder(placeholder);
    }
    p.work().finish();
    return r;
  }

  /**
   * Undo in the background: one transaction for the batch, results known only at its end. A
   * Cancel of any of its items cancels it all (it is one transaction): processed items are then
   * Operation Undone, the others Operation Canceled By Requester.
   */
  private void runAsOneUnit(Batch b, List<PendingOperation> ops) {
    PendingOperation.Work work = ops.get(0).work();
    List<RequestBatchItem> items = ops.stream().map(PendingOperation::item).toList();
    List<ResponseBatchItem> done = new ArrayList<>();
    boolean[] canceled = {false};
    List<ResponseBatchItem> out;
    if (!work.start()) {
      canceled[0] = true;
      out = canceledFrom(items, done);
    } else {
      try {
        out = transactions.inNewTransaction(tx -> {
          for (RequestBatchItem item : items) {
            if (work.cancelRequested()) {
              break;
            }
            ResponseBatchItem r = processItem(item, b, tx);
            done.add(r);
            if (!r.succeeded()) {
              tx.setRollbackOnly();
              List<ResponseBatchItem> all = undone(done);
              for (RequestBatchItem rest : items.subList(done.size(), items.size())) {
                all.add(notProcessed(rest, b.onError()));
              }
              return all;
            }
          }
          if (done.size() < items.size() || !work.beginCommit()) {
            tx.setRollbackOnly();
            canceled[0] = true;
            return canceledFrom(items, done);
          }
          return new ArrayList<>(done);
        });
      } catch (RuntimeException e) {
        out = commitFailed(items, b.ctx(), done, e);
        for (RequestBatchItem rest : items.subList(out.size(), items.size())) {
          out.add(notProcessed(rest, b.onError()));
        }
      }
    }
    work.finish();
    for (int i = 0; i < ops.size(); i++) {
      if (i < done.size() || canceled[0]) {
        audit(b.ctx(), items.get(i), out.get(i));
      }
      ops.get(i).finish(out.get(i), async.now());
    }
  }

  /** The processed items undone, the rest canceled. */
  private static List<ResponseBatchItem> canceledFrom(List<RequestBatchItem> items, List<ResponseBatchItem> processed) {
    List<ResponseBatchItem> all = undone(processed);
    for (RequestBatchItem item : items.subList(processed.size(), items.size())) {
      all.add(PendingOperation.canceled(item, "canceled by the client; nothing of the batch was kept"));
    }
    return all;
  }

  // ---- one item -----------------------------------------------------------------------------

  /**
   * One item, with its changes flushed when it runs in a transaction of ours ({@code tx} not
   * null). A failed item leaves the ID Placeholder as it was: a handler sets it on success, and a
   * failure at the flush or at the commit comes after that.
   */
  private ResponseBatchItem processItem(RequestBatchItem item, Batch b, TransactionRunner.UnitOfWork tx) {
    RequestContext ctx = b.ctx();
    String placeholder = ctx.idPlaceholder();
    ResponseBatchItem r;
    if (!b.versionSupported() && item.knownOperation() != Operation.DISCOVER_VERSIONS) {
      r = ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(), ResultReason.INVALID_MESSAGE,
          "protocol version " + b.asked() + " is not supported; Discover Versions lists the supported ones");
    } else {
      r = executeItem(item, ctx, tx == null);
    }
    if (r.succeeded() && tx != null) {
      try {
        tx.flush();
      } catch (RuntimeException e) {
        r = failureOf(item, e, ctx);
      }
    }
    if (!r.succeeded()) {
      ctx.setIdPlaceholder(placeholder);
    }
    return r;
  }

  /**
   * Runs the item's handler. When the handler commits on its own ({@code ownTransaction}) and its
   * commit meets a concurrent change of the same object (a replica updated by its master while a
   * client reads it, two clients on one key), the rolled-back item is run again, up to
   * {@link #ATTEMPTS} times: nothing of the failed attempt remains.
   */
  private ResponseBatchItem executeItem(RequestBatchItem item, RequestContext ctx, boolean ownTransaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return executeItemOnce(item, ctx, ownTransaction && attempt < ATTEMPTS);
      } catch (ConcurrentChange e) {
        LOG.log(Level.FINE, "concurrent change in " + item.knownOperation() + ", attempt " + attempt + "; run again", e.getCause());
      }
    }
  }

  private static final int ATTEMPTS = 3;

  /** A handler's transaction rolled back by a concurrent change of the same rows. */
  private static final class ConcurrentChange extends RuntimeException {
    ConcurrentChange(RuntimeException cause) {
      super(cause);
    }
  }

  private static boolean concurrentChange(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof jakarta.persistence.OptimisticLockException) {
        return true;
      }
    }
    return false;
  }

  private ResponseBatchItem executeItemOnce(RequestBatchItem item, RequestContext ctx, boolean retryable) {
    Operation op = item.knownOperation();
    OperationHandler handler = dispatcher.handlerFor(op);
    String name = op == null ? String.format("0x%08X", item.operation()) : op.specName();
    if (handler == null) {
      return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(),
          ResultReason.OPERATION_NOT_SUPPORTED, "operation " + name + " is not supported by this server");
    }
    if (op.since() != null && !ctx.version().atLeast(op.since())) {
      return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(), ResultReason.OPERATION_NOT_SUPPORTED,
          "operation " + name + " is not defined in KMIP " + ctx.version().major() + "." + ctx.version().minor());
    }
    ctx.setOperation(op);
    try {
      if (handler instanceof BatchItemHandler whole) {
        return whole.respond(item, ctx);
      }
      Ttlv payload = handler.handle(dispatcher.prepare(item.requestPayload(), ctx), ctx);
      return ResponseBatchItem.success(item.operation(), item.uniqueBatchItemId(), payload);
    } catch (RuntimeException e) {
      if (retryable && concurrentChange(e) && kmipCause(e) == null) {
        throw new ConcurrentChange(e);
      }
      return failureOf(item, e, ctx);
    }
  }

  /**
   * A failure as the client sees it: a KmipException (also inside the container's EJBException,
   * or a transaction rolled back because of it) keeps its Result Reason; anything else is General
   * Failure with an incident number, the details in the log only.
   */
  private static ResponseBatchItem failureOf(RequestBatchItem item, RuntimeException e, RequestContext ctx) {
    KmipException k = kmipCause(e);
    if (k != null) {
      return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(),
          ResultReasons.forVersion(k.resultReason(), ctx.version()), k.getMessage());
    }
    String incident = incident();
    LOG.log(Level.SEVERE, "incident " + incident + " in " + item.knownOperation(), e);
    return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(), ResultReason.GENERAL_FAILURE,
        "internal error, incident " + incident);
  }

  /** The commit of a one-transaction batch failed: nothing of it remains. */
  private static List<ResponseBatchItem> commitFailed(List<RequestBatchItem> items, RequestContext ctx,
      List<ResponseBatchItem> done, RuntimeException e) {
    List<ResponseBatchItem> out = undone(done);
    int last = Math.max(0, out.size() - 1);
    ResponseBatchItem failed = failureOf(items.get(last), e, ctx);
    if (out.isEmpty()) {
      out.add(failed);
    } else {
      out.set(last, failed);
    }
    return out;
  }

  /** Successful items relabeled Operation Undone, payload kept; the others as they are. */
  private static List<ResponseBatchItem> undone(List<ResponseBatchItem> items) {
    List<ResponseBatchItem> out = new ArrayList<>(items.size());
    for (ResponseBatchItem r : items) {
      out.add(r.resultStatus() != ResultStatus.SUCCESS ? r
          : new ResponseBatchItem(r.operation(), r.uniqueBatchItemId(), ResultStatus.OPERATION_UNDONE, null, null,
              r.asynchronousCorrelationValue(), r.responsePayload()));
    }
    return out;
  }

  private static ResponseBatchItem notProcessed(RequestBatchItem item, BatchErrorContinuationOption onError) {
    return PendingOperation.canceled(item, "not processed: an earlier item of the batch failed and the Batch Error"
        + " Continuation Option is " + (onError == null ? BatchErrorContinuationOption.STOP : onError).specName());
  }

  // ---- audit --------------------------------------------------------------------------------

  /** One event per item processed, with its final Result Status (Operation Undone included). */
  private void audit(RequestContext ctx, RequestBatchItem item, ResponseBatchItem r) {
    Operation op = item.knownOperation();
    String uid = uniqueIdentifierOf(r.responsePayload());
    if (uid == null) {
      uid = uniqueIdentifierOf(item.requestPayload());
    }
    audit.record(new AuditEvent(ctx.now(), ctx.client().name(), ctx.client().channel(),
        op != null ? op.specName() : String.format("0x%08X", item.operation()), uid,
        r.resultStatus().specName(), r.resultReason() == null ? null : r.resultReason().specName()));
  }

  private static String uniqueIdentifierOf(Ttlv payload) {
    if (payload == null || !payload.isStructure()) {
      return null;
    }
    Ttlv uid = payload.child(Tag.UNIQUE_IDENTIFIER);
    return uid != null && uid.type() == ItemType.TEXT_STRING ? uid.asText() : null;
  }

  private static String incident() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static KmipException kmipCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KmipException k) {
        return k;
      }
    }
    return null;
  }
}
