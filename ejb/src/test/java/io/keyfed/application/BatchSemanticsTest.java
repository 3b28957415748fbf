package io.keyfed.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.operation.AsyncHandlers;
import io.keyfed.application.operation.Handlers;
import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.payload.LocateRequest;
import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.CancellationResult;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.NameType;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.QueryFunction;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.EJBException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batch semantics of the request loop as plain objects: Batch Error Continuation Option (Stop,
 * Continue, Undo), the ID Placeholder, the Asynchronous Indicator with Poll and Cancel, and
 * Maximum Response Size (KMIP 1.4 §6.3, §6.7–6.13, Poll §4.28, Cancel §4.27; 2.1 the same fields,
 * Asynchronous Indicator an Enumeration). The real handlers over the in-memory repository;
 * transactions are {@link DirectTransactions} (they count rollbacks — that a rollback really undoes
 * the database is EjbModuleIT's job) and the background executor is {@link ManualExecutor}, so a
 * test decides when pending work runs.
 *
 * <p>OASIS transcripts followed (in ../shared/kmip-vectors): v2.1/mandatory/BL-M-2-21.xml (Undo),
 * ovh-kmip-go/v1.0/testcases/TC_32_10_Asynchronous_Locate.xml (TC-3.2: pending, Poll, Cancel),
 * v2.1/mandatory/MSGENC-HTTPS-M-1-21.xml, v1.4/mandatory/MSGENC-HTTPS-M-1-14.xml and
 * ovh-kmip-go/v1.2/testcases/TC_121_12_Query_Maximum_Response_Size.xml (Response Too Large).
 */
class BatchSemanticsTest {

  private static final ClientIdentity ALICE = Handlers.ALICE;
  private static final ClientIdentity BOB = Handlers.BOB;

  private final Handlers h = new Handlers();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final DirectTransactions tx = new DirectTransactions();
  private final ManualExecutor executor = new ManualExecutor();
  private final MutableClock clock = new MutableClock();
  private final List<OperationHandler> extra = new ArrayList<>();
  private AsyncSettings settings = AsyncSettings.DEFAULT;
  private AsynchronousOperations async;
  private KmipService service;

  @BeforeEach
  void build() {
    async = AsynchronousOperations.of(executor, settings, clock);
    List<OperationHandler> all = new ArrayList<>(h.all());
    all.add(AsyncHandlers.poll(async));
    all.add(AsyncHandlers.cancel(async));
    for (OperationHandler e : extra) {
      all.removeIf(x -> x.operation() == e.operation());
      all.add(e);
    }
    service = new KmipService();
    service.dispatcher = Dispatchers.of(all);
    service.audit = audit;
    service.transactions = tx;
    service.async = async;
  }

  // ---- Batch Error Continuation Option: Undo -----------------------------------------------

  /**
   * BL-M-2-21: Undo with a failing third item answers the first two Operation Undone, each with
   * the payload it had, and the third Operation Failed; the transaction is rolled back.
   */
  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_0", "V1_4", "V2_1"})
  void undoAnswersTheEarlierItemsOperationUndoneAndRollsBack(KmipVersion v) {
    ResponseMessage r = send(v, null, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(v)),
        item(Operation.ACTIVATE, 2, uid(null)),
        item(Operation.GET, 3, uid("missing")));

    assertEquals(3, r.header().batchCount());
    String created = uidOf(r.batchItems().get(0));
    assertStatus(ResultStatus.OPERATION_UNDONE, r.batchItems().get(0));
    assertStatus(ResultStatus.OPERATION_UNDONE, r.batchItems().get(1));
    assertEquals(created, uidOf(r.batchItems().get(1)), "Undone items keep their payload (BL-M-2-21)");
    assertNull(r.batchItems().get(0).resultReason());
    assertFailed(v.atLeast(KmipVersion.V2_0) ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND, r.batchItems().get(2));
    assertArrayEquals(new byte[] {3}, r.batchItems().get(2).uniqueBatchItemId());
    assertEquals(1, tx.transactions(), "one transaction for the whole batch");
    assertEquals(1, tx.rollbacks());
    assertEquals(List.of("Create Operation Undone", "Activate Operation Undone", "Get Operation Failed"), auditSummary(),
        "the audit says the items were undone");
  }

  @Test
  void undoCommitsWhenEveryItemSucceeds() {
    ResponseMessage r = send(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)), item(Operation.ACTIVATE, 2, uid(null)));
    r.batchItems().forEach(i -> assertStatus(ResultStatus.SUCCESS, i));
    assertEquals(0, tx.rollbacks());
    assertEquals(State.ACTIVE, h.repository.find(uidOf(r.batchItems().get(0))).state());
  }

  @Test
  void undoStopsAtTheFirstFailureAndAnswersNothingAfterIt() {
    ResponseMessage r = send(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)),
        item(Operation.DESTROY, 2, uid("missing")),
        item(Operation.CREATE, 3, createAes(KmipVersion.V2_1)));
    assertEquals(2, r.batchItems().size());
    assertEquals(1, h.repository.size(), "the third item never ran (the first one is rolled back by the database)");
  }

  /** A database failure at an item's flush fails that item, and the batch is undone. */
  @Test
  void aFailureAtTheFlushFailsTheItemThatCausedIt() {
    tx.failFlush(2);
    ResponseMessage r = withoutIncidentLog(() -> send(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)), item(Operation.CREATE, 2, createAes(KmipVersion.V2_1))));
    assertStatus(ResultStatus.OPERATION_UNDONE, r.batchItems().get(0));
    assertFailed(ResultReason.GENERAL_FAILURE, r.batchItems().get(1));
    assertEquals(1, tx.rollbacks());
  }

  /** Should the commit itself fail, nothing of the batch remains, and the answer says so. */
  @Test
  void aFailedCommitUndoesTheWholeBatch() {
    tx.failCommit(new EJBException("commit refused"));
    ResponseMessage r = withoutIncidentLog(() -> send(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)), item(Operation.ACTIVATE, 2, uid(null))));
    assertStatus(ResultStatus.OPERATION_UNDONE, r.batchItems().get(0));
    assertFailed(ResultReason.GENERAL_FAILURE, r.batchItems().get(1));
    assertTrue(r.batchItems().get(1).resultMessage().startsWith("internal error, incident "));
  }

  // ---- the ID Placeholder -------------------------------------------------------------------

  /**
   * An item that fails after its handler set the ID Placeholder (a commit that fails, say) leaves
   * it as it was: the next item without an identifier acts on the object of the last success.
   */
  @Test
  void aFailedItemDoesNotSetTheIdPlaceholder() {
    extra.add(handler(Operation.ACTIVATE, (payload, ctx) -> {
      ctx.setIdPlaceholder("set-by-a-failed-item");
      throw new EJBException("the commit failed after the handler returned");
    }));
    build();
    ResponseMessage r = withoutIncidentLog(() -> send(KmipVersion.V2_1, null, BatchErrorContinuationOption.CONTINUE, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)),
        item(Operation.ACTIVATE, 2, uid(null)),
        item(Operation.GET_ATTRIBUTE_LIST, 3, uid(null))));
    assertFailed(ResultReason.GENERAL_FAILURE, r.batchItems().get(1));
    assertStatus(ResultStatus.SUCCESS, r.batchItems().get(2));
    assertEquals(uidOf(r.batchItems().get(0)), uidOf(r.batchItems().get(2)));
  }

  // ---- asynchronous: TC-3.2 -----------------------------------------------------------------

  /**
   * TC-3.2 (KMIP 1.0, Asynchronous Indicator the Boolean True): the Locate is answered Operation
   * Pending with an Asynchronous Correlation Value and no payload; Poll answers Pending until it
   * ran, then Operation Locate / Success with the Locate's payload.
   */
  @Test
  void aLocateTheClientAllowsToBeAsynchronousIsPendingUntilPolled() {
    String key1 = uidOf(send(KmipVersion.V1_0, null, null, null, ALICE,
        item(Operation.CREATE, null, createAes(KmipVersion.V1_0, name("Key1")))).batchItems().get(0));

    ResponseBatchItem pending = send(KmipVersion.V1_0, AsynchronousIndicator.OPTIONAL, null, null, ALICE,
        item(Operation.LOCATE, null, locate(KmipVersion.V1_0, name("Key1")))).batchItems().get(0);
    assertStatus(ResultStatus.OPERATION_PENDING, pending);
    assertEquals(Operation.LOCATE.value(), pending.operation());
    assertEquals(16, pending.asynchronousCorrelationValue().length);
    assertNull(pending.responsePayload());
    assertEquals(List.of("Create Success"), auditSummary(), "audited when it has run, not when it is accepted");
    byte[] acv = pending.asynchronousCorrelationValue();

    ResponseBatchItem stillPending = poll(KmipVersion.V1_0, ALICE, acv, 9);
    assertStatus(ResultStatus.OPERATION_PENDING, stillPending);
    assertEquals(Operation.LOCATE.value(), stillPending.operation());
    assertArrayEquals(acv, stillPending.asynchronousCorrelationValue());

    assertEquals(1, executor.runAll());
    ResponseBatchItem done = poll(KmipVersion.V1_0, ALICE, acv, 10);
    assertStatus(ResultStatus.SUCCESS, done);
    assertEquals(Operation.LOCATE.value(), done.operation(), "the polled operation's, as TC-3.2 shows");
    assertArrayEquals(new byte[] {10}, done.uniqueBatchItemId(), "the Poll item's own Unique Batch Item ID");
    assertNull(done.asynchronousCorrelationValue());
    assertEquals(key1, uidOf(done));
    assertEquals(List.of("Create Success", "Poll Operation Pending", "Locate Success", "Poll Success"), auditSummary());
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V1_0, ALICE, acv, 11), "a result can be polled again");
  }

  /** TC-3.2 TIME 7–8: a pending Locate canceled before its result is collected is Canceled. */
  @Test
  void aReadOnlyOperationCanceledBeforeItsResultIsCollectedIsCanceled() {
    byte[] acv = pendingAcv(send(KmipVersion.V1_0, AsynchronousIndicator.OPTIONAL, null, null, ALICE,
        item(Operation.LOCATE, null, locate(KmipVersion.V1_0, name("Key1")))));
    executor.runAll();
    Ttlv answer = succeeded(send(KmipVersion.V1_0, null, null, null, ALICE, item(Operation.CANCEL, null, acvPayload(acv))).batchItems().get(0));
    assertArrayEquals(acv, answer.child(Tag.ASYNCHRONOUS_CORRELATION_VALUE).asBytes(), "TC-3.2: the value, then the result");
    assertEquals(CancellationResult.CANCELED.value(), answer.child(Tag.CANCELLATION_RESULT).asInt());
    assertFailed(ResultReason.OPERATION_CANCELED_BY_REQUESTER, poll(KmipVersion.V1_0, ALICE, acv, 1));

    // Once a Poll has delivered the result, it can no longer be withdrawn.
    byte[] collected = pendingAcv(send(KmipVersion.V1_4, AsynchronousIndicator.OPTIONAL, null, null, ALICE,
        item(Operation.LOCATE, null, locate(KmipVersion.V1_4, name("Key1")))));
    executor.runAll();
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V1_4, ALICE, collected, 1));
    assertEquals(CancellationResult.COMPLETED, cancel(KmipVersion.V1_4, ALICE, collected));
  }

  @Test
  void anOperationNotInTheListIsAnsweredAtOnceUnderOptional() {
    ResponseBatchItem r = send(KmipVersion.V1_4, AsynchronousIndicator.OPTIONAL, null, null, ALICE,
        item(Operation.CREATE, null, createAes(KmipVersion.V1_4))).batchItems().get(0);
    assertStatus(ResultStatus.SUCCESS, r);
    assertEquals(0, async.size());
    assertEquals(0, executor.queued());
  }

  @Test
  void prohibitedIsSynchronousEvenForALocate() {
    ResponseBatchItem r = send(KmipVersion.V2_1, AsynchronousIndicator.PROHIBITED, null, null, ALICE,
        item(Operation.LOCATE, null, locate(KmipVersion.V2_1))).batchItems().get(0);
    assertStatus(ResultStatus.SUCCESS, r);
  }

  // ---- asynchronous: Mandatory, order, the ID Placeholder ----------------------------------

  /**
   * Mandatory: every item pending; they run in order in one background task, so Activate without
   * an identifier activates the key the Create before it made.
   */
  @Test
  void mandatoryMakesEveryItemPendingAndKeepsOrderAndTheIdPlaceholder() {
    ResponseMessage r = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)), item(Operation.ACTIVATE, 2, uid(null)));
    byte[] create = r.batchItems().get(0).asynchronousCorrelationValue();
    byte[] activate = r.batchItems().get(1).asynchronousCorrelationValue();
    r.batchItems().forEach(i -> assertStatus(ResultStatus.OPERATION_PENDING, i));
    assertArrayEquals(new byte[] {2}, r.batchItems().get(1).uniqueBatchItemId());
    assertEquals(0, h.repository.size(), "nothing ran yet");

    assertEquals(1, executor.runAll(), "one task for the batch");
    String created = uidOf(poll(KmipVersion.V2_1, ALICE, create, 1));
    ResponseBatchItem activated = poll(KmipVersion.V2_1, ALICE, activate, 2);
    assertEquals(Operation.ACTIVATE.value(), activated.operation());
    assertEquals(created, uidOf(activated));
    assertEquals(State.ACTIVE, h.repository.find(created).state());
    assertEquals(2, tx.transactions(), "each pending item in a transaction of its own");
  }

  /** Once an item is pending, the later ones wait for it: the batch still runs in order. */
  @Test
  void itemsAfterAPendingOneArePendingToo() {
    ResponseMessage r = send(KmipVersion.V2_1, AsynchronousIndicator.OPTIONAL, null, null, ALICE,
        item(Operation.QUERY, 1, query(QueryFunction.QUERY_OBJECTS)),
        item(Operation.LOCATE, 2, locate(KmipVersion.V2_1)),
        item(Operation.GET_ATTRIBUTES, 3, uid(null)),
        item(Operation.POLL, 4, acvPayload(new byte[] {1, 2, 3})));
    assertStatus(ResultStatus.SUCCESS, r.batchItems().get(0));
    assertStatus(ResultStatus.OPERATION_PENDING, r.batchItems().get(1));
    assertStatus(ResultStatus.OPERATION_PENDING, r.batchItems().get(2));
    assertFailed(ResultReason.INVALID_ASYNCHRONOUS_CORRELATION_VALUE, r.batchItems().get(3));
    assertEquals(Operation.POLL.value(), r.batchItems().get(3).operation(), "Poll is answered at once");
  }

  /** A client that sends Mandatory on every request can still collect its results. */
  @Test
  void pollAndCancelAreNeverPending() {
    byte[] acv = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
    executor.runAll();
    ResponseBatchItem polled = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.POLL, 1, acvPayload(acv))).batchItems().get(0);
    assertStatus(ResultStatus.SUCCESS, polled);
    assertEquals(Operation.CREATE.value(), polled.operation());
    ResponseBatchItem canceled = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CANCEL, 1, acvPayload(acv))).batchItems().get(0);
    assertEquals(CancellationResult.COMPLETED.value(), succeeded(canceled).child(Tag.CANCELLATION_RESULT).asInt());
    assertEquals(0, executor.queued());
  }

  // ---- asynchronous: Cancel -----------------------------------------------------------------

  @Test
  void cancelBeforeItRunsMeansItNeverRuns() {
    byte[] acv = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
    assertEquals(CancellationResult.CANCELED, cancel(KmipVersion.V2_1, ALICE, acv));
    executor.runAll();
    assertEquals(0, h.repository.size());
    ResponseBatchItem r = poll(KmipVersion.V2_1, ALICE, acv, 1);
    assertFailed(ResultReason.OPERATION_CANCELED_BY_REQUESTER, r);
    assertEquals(Operation.CREATE.value(), r.operation());
    assertEquals(CancellationResult.CANCELED, cancel(KmipVersion.V2_1, ALICE, acv), "and stays canceled");
  }

  /** A Cancel that arrives while the item runs wins: its transaction is rolled back. */
  @Test
  void cancelWhileItRunsRollsItBack() {
    byte[][] acv = new byte[1][];
    CancellationResult[] seen = new CancellationResult[1];
    extra.add(handler(Operation.CHECK, (payload, ctx) -> {
      seen[0] = cancel(KmipVersion.V2_1, ALICE, acv[0]);
      return Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "checked"));
    }));
    build();
    acv[0] = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CHECK, 1, uid("x"))));
    executor.runAll();
    assertEquals(CancellationResult.CANCELED, seen[0]);
    assertEquals(1, tx.rollbacks(), "the item ran to its end, then rolled back instead of committing");
    assertFailed(ResultReason.OPERATION_CANCELED_BY_REQUESTER, poll(KmipVersion.V2_1, ALICE, acv[0], 1));
    assertEquals(List.of("Check Operation Failed"), auditSummary().stream().filter(s -> s.startsWith("Check")).toList());
  }

  @Test
  void cancelAfterItFinishedSaysCompletedOrFailed() {
    byte[] created = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
    byte[] failed = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.DESTROY, 1, uid("missing"))));
    executor.runAll();
    assertEquals(CancellationResult.COMPLETED, cancel(KmipVersion.V2_1, ALICE, created));
    assertEquals(CancellationResult.FAILED, cancel(KmipVersion.V2_1, ALICE, failed));
    assertEquals(1, h.repository.size(), "the Create stands");
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V2_1, ALICE, created, 1));
  }

  @Test
  void anUnknownCorrelationValueIsUnavailableToCancelAndNotFoundToPoll() {
    byte[] unknown = {9, 9, 9};
    assertEquals(CancellationResult.UNAVAILABLE, cancel(KmipVersion.V2_1, ALICE, unknown));
    assertFailed(ResultReason.INVALID_ASYNCHRONOUS_CORRELATION_VALUE, poll(KmipVersion.V2_1, ALICE, unknown, 1));
    assertFailed(ResultReason.ITEM_NOT_FOUND, poll(KmipVersion.V1_4, ALICE, unknown, 1), "1.x has no such reason");
    ResponseBatchItem noPayload = send(KmipVersion.V2_1, null, null, null, ALICE, item(Operation.POLL, 1, null)).batchItems().get(0);
    assertFailed(ResultReason.INVALID_MESSAGE, noPayload);
  }

  // ---- asynchronous: whose, how long, how many ----------------------------------------------

  @Test
  void anotherClientCannotPollOrCancel() {
    byte[] acv = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
    executor.runAll();
    assertFailed(ResultReason.INVALID_ASYNCHRONOUS_CORRELATION_VALUE, poll(KmipVersion.V2_1, BOB, acv, 1));
    assertFailed(ResultReason.ITEM_NOT_FOUND, poll(KmipVersion.V1_4, BOB, acv, 1));
    assertEquals(CancellationResult.UNAVAILABLE, cancel(KmipVersion.V2_1, BOB, acv));
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V2_1, ALICE, acv, 1), "still Alice's");
  }

  @Test
  void aFinishedResultIsKeptForTheRetentionTimeThenForgotten() {
    byte[] running = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
    clock.advance(Duration.ofHours(2));
    assertStatus(ResultStatus.OPERATION_PENDING, poll(KmipVersion.V2_1, ALICE, running, 1), "pending work never expires");
    executor.runAll();
    clock.advance(settings.retention().minusSeconds(1));
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V2_1, ALICE, running, 1));
    clock.advance(Duration.ofSeconds(2));
    assertFailed(ResultReason.INVALID_ASYNCHRONOUS_CORRELATION_VALUE, poll(KmipVersion.V2_1, ALICE, running, 1));
    assertEquals(CancellationResult.UNAVAILABLE, cancel(KmipVersion.V2_1, ALICE, running));
    assertEquals(0, async.size());
  }

  @Test
  void eachClientHasABoundedNumberOfAsynchronousItems() {
    settings = new AsyncSettings(AsyncSettings.DEFAULT_OPTIONAL, 2, 100, Duration.ofMinutes(10), Duration.ofSeconds(1));
    build();
    byte[] first = pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
    pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));

    ResponseBatchItem third = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))).batchItems().get(0);
    assertFailed(ResultReason.SERVER_LIMIT_EXCEEDED, third);
    assertStatus(ResultStatus.SUCCESS, send(KmipVersion.V2_1, AsynchronousIndicator.OPTIONAL, null, null, ALICE,
        item(Operation.LOCATE, 1, locate(KmipVersion.V2_1))).batchItems().get(0), "Optional: answered at once instead");
    pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, BOB,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));

    // A result a Poll has collected makes room.
    executor.runAll();
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V2_1, ALICE, first, 1));
    pendingAcv(send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1))));
  }

  // ---- asynchronous: Stop, Continue and Undo in the background ------------------------------

  @Test
  void underStopAFailureInTheBackgroundLeavesTheLaterItemsUnprocessed() {
    ResponseMessage r = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, null, null, ALICE,
        item(Operation.GET, 1, uid("missing")), item(Operation.CREATE, 2, createAes(KmipVersion.V2_1)));
    executor.runAll();
    assertFailed(ResultReason.OBJECT_NOT_FOUND, poll(KmipVersion.V2_1, ALICE, r.batchItems().get(0).asynchronousCorrelationValue(), 1));
    ResponseBatchItem second = poll(KmipVersion.V2_1, ALICE, r.batchItems().get(1).asynchronousCorrelationValue(), 2);
    assertFailed(ResultReason.OPERATION_CANCELED_BY_REQUESTER, second);
    assertTrue(second.resultMessage().startsWith("not processed"), second.resultMessage());
    assertEquals(0, h.repository.size());
    assertEquals(List.of("Get Operation Failed"), auditSummary().stream().filter(e -> !e.startsWith("Poll")).toList(),
        "an item not processed is not audited");
  }

  @Test
  void underContinueEveryItemRunsInTheBackground() {
    ResponseMessage r = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, BatchErrorContinuationOption.CONTINUE, null,
        ALICE, item(Operation.GET, 1, uid("missing")), item(Operation.CREATE, 2, createAes(KmipVersion.V2_1)));
    executor.runAll();
    assertStatus(ResultStatus.SUCCESS, poll(KmipVersion.V2_1, ALICE, r.batchItems().get(1).asynchronousCorrelationValue(), 2));
    assertEquals(1, h.repository.size());
  }

  /** BL-M-2-21's batch, asynchronously: one transaction, results when it has ended. */
  @Test
  void anUndoBatchInTheBackgroundIsOneTransaction() {
    ResponseMessage r = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)),
        item(Operation.ACTIVATE, 2, uid(null)),
        item(Operation.GET, 3, uid("missing")));
    List<byte[]> acvs = r.batchItems().stream().map(ResponseBatchItem::asynchronousCorrelationValue).toList();
    executor.runAll();
    assertStatus(ResultStatus.OPERATION_UNDONE, poll(KmipVersion.V2_1, ALICE, acvs.get(0), 1));
    assertStatus(ResultStatus.OPERATION_UNDONE, poll(KmipVersion.V2_1, ALICE, acvs.get(1), 2));
    assertFailed(ResultReason.OBJECT_NOT_FOUND, poll(KmipVersion.V2_1, ALICE, acvs.get(2), 3));
    assertEquals(1, tx.transactions());
    assertEquals(1, tx.rollbacks());
  }

  @Test
  void cancelingOneItemOfAnUndoBatchCancelsTheBatch() {
    ResponseMessage r = send(KmipVersion.V2_1, AsynchronousIndicator.MANDATORY, BatchErrorContinuationOption.UNDO, null, ALICE,
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)), item(Operation.ACTIVATE, 2, uid(null)));
    assertEquals(CancellationResult.CANCELED, cancel(KmipVersion.V2_1, ALICE, r.batchItems().get(1).asynchronousCorrelationValue()));
    executor.runAll();
    for (ResponseBatchItem i : r.batchItems()) {
      assertFailed(ResultReason.OPERATION_CANCELED_BY_REQUESTER, poll(KmipVersion.V2_1, ALICE, i.asynchronousCorrelationValue(), 1));
    }
    assertEquals(0, h.repository.size());
  }

  // ---- Maximum Response Size ----------------------------------------------------------------

  /**
   * MSGENC-HTTPS-M-1-14/-21 and TC-12.1: Query Operations and Objects with a Maximum Response Size
   * of 256 is Operation Failed / Response Too Large; with 2048 it succeeds.
   */
  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_2", "V1_4", "V2_1"})
  void aResponseLargerThanTheMaximumResponseSizeIsResponseTooLarge(KmipVersion v) {
    Ttlv q = query(QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS);
    ResponseMessage small = send(v, null, null, 256, ALICE, item(Operation.QUERY, null, q));
    ResponseBatchItem tooLarge = small.batchItems().get(0);
    assertEquals(Operation.QUERY.value(), tooLarge.operation());
    assertFailed(ResultReason.RESPONSE_TOO_LARGE, tooLarge);
    assertTrue(tooLarge.resultMessage().contains("Maximum Response Size of 256"), tooLarge.resultMessage());
    assertTrue(encodedSize(small) <= 256, "the answer itself fits: " + encodedSize(small));

    assertStatus(ResultStatus.SUCCESS, send(v, null, null, 2048, ALICE, item(Operation.QUERY, null, q)).batchItems().get(0));
  }

  @Test
  void theServersLargestMessageBindsResponsesToo() {
    service.maxMessageBytes = 200;
    ResponseBatchItem r = send(KmipVersion.V2_1, null, null, null, ALICE,
        item(Operation.QUERY, null, query(QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS))).batchItems().get(0);
    assertFailed(ResultReason.RESPONSE_TOO_LARGE, r);
    assertTrue(r.resultMessage().contains("server's largest message of 200"), r.resultMessage());
    // A client's larger maximum does not lift the server's.
    assertFailed(ResultReason.RESPONSE_TOO_LARGE, send(KmipVersion.V2_1, null, null, 100_000, ALICE,
        item(Operation.QUERY, null, query(QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS))).batchItems().get(0));
  }

  /** With several items, the largest payload goes first; the others keep theirs. */
  @Test
  void theLargestPayloadIsReplacedFirst() {
    RequestBatchItem[] items = {
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)),
        item(Operation.QUERY, 2, query(QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS)),
        item(Operation.GET, 3, uid(null))};
    ResponseMessage full = send(KmipVersion.V2_1, null, null, null, ALICE, items);
    int size = encodedSize(full);
    ResponseMessage cut = send(KmipVersion.V2_1, null, null, size - 8, ALICE, items);
    assertStatus(ResultStatus.SUCCESS, cut.batchItems().get(0));
    assertFailed(ResultReason.RESPONSE_TOO_LARGE, cut.batchItems().get(1));
    assertStatus(ResultStatus.SUCCESS, cut.batchItems().get(2));
    assertTrue(encodedSize(cut) <= size - 8);
  }

  /** Under Undo a response too large is a failure like any other: the batch is rolled back. */
  @Test
  void underUndoAResponseTooLargeUndoesTheBatch() {
    RequestBatchItem[] items = {
        item(Operation.CREATE, 1, createAes(KmipVersion.V2_1)),
        item(Operation.GET, 2, uid(null))};
    int size = encodedSize(send(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, null, ALICE, items));
    int rollbacks = tx.rollbacks();
    ResponseMessage cut = send(KmipVersion.V2_1, null, BatchErrorContinuationOption.UNDO, size - 8, ALICE, items);
    assertStatus(ResultStatus.OPERATION_UNDONE, cut.batchItems().get(0));
    assertFailed(ResultReason.RESPONSE_TOO_LARGE, cut.batchItems().get(1));
    assertEquals(rollbacks + 1, tx.rollbacks());
  }

  @Test
  void theComputedSizeIsTheEncodedSize() {
    Ttlv t = Ttlv.structure(Tag.RESPONSE_PAYLOAD,
        Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 7), Ttlv.longInteger(Tag.USAGE_LIMITS_TOTAL, 1L << 40),
        Ttlv.bigInteger(Tag.MODULUS, BigInteger.ONE.shiftLeft(1000).negate()), Ttlv.bigInteger(Tag.MODULUS, BigInteger.ZERO),
        Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), Ttlv.bool(Tag.SENSITIVE, true),
        Ttlv.text(Tag.NAME_VALUE, "zwölf ✓"), Ttlv.bytes(Tag.KEY_MATERIAL, new byte[13]), Ttlv.dateTime(Tag.ACTIVATION_DATE, Instant.EPOCH),
        Ttlv.interval(Tag.LEASE_TIME, 60), Ttlv.dateTimeExtended(Tag.TIME_STAMP.value(), 5),
        Ttlv.structure(Tag.ATTRIBUTES, List.of()));
    assertEquals(TtlvWriter.encode(t).length, ResponseSizeLimit.encodedLength(t));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ResponseMessage send(KmipVersion v, AsynchronousIndicator a, BatchErrorContinuationOption option, Integer max,
      ClientIdentity who, RequestBatchItem... items) {
    RequestMessage request = new RequestMessage(new RequestHeader(ProtocolVersion.of(v), max, null, null, a, null, option,
        null, null, items.length), List.of(items));
    // Both ways through the wire encoding: the 1.x Boolean and 2.x Enumeration forms, the pending items.
    ResponseMessage r = ResponseMessage.decode(reread(service.execute(RequestMessage.decode(reread(request.encode())), who).encode()));
    assertEquals(ProtocolVersion.of(v), r.header().protocolVersion());
    assertEquals(r.batchItems().size(), r.header().batchCount());
    return r;
  }

  private ResponseBatchItem poll(KmipVersion v, ClientIdentity who, byte[] acv, int id) {
    return send(v, null, null, null, who, item(Operation.POLL, id, acvPayload(acv))).batchItems().get(0);
  }

  private CancellationResult cancel(KmipVersion v, ClientIdentity who, byte[] acv) {
    Ttlv p = succeeded(send(v, null, null, null, who, item(Operation.CANCEL, 1, acvPayload(acv))).batchItems().get(0));
    return CancellationResult.fromValue(p.child(Tag.CANCELLATION_RESULT).asInt());
  }

  private static byte[] pendingAcv(ResponseMessage r) {
    ResponseBatchItem i = r.batchItems().get(0);
    assertStatus(ResultStatus.OPERATION_PENDING, i);
    assertNotNull(i.asynchronousCorrelationValue());
    return i.asynchronousCorrelationValue();
  }

  private static Ttlv acvPayload(byte[] acv) {
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, acv));
  }

  private static RequestBatchItem item(Operation op, Integer id, Ttlv payload) {
    return new RequestBatchItem(op.value(), id == null ? null : new byte[] {id.byteValue()}, payload, null);
  }

  private static Ttlv createAes(KmipVersion v, Attribute... more) {
    List<Attribute> a = new ArrayList<>(List.of(
        Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
        Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128))));
    a.addAll(List.of(more));
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
        AttributeCodec.toResponse(a, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  private static Ttlv locate(KmipVersion v, Attribute... match) {
    return new LocateRequest(null, null, null, null, List.of(match)).encode(v);
  }

  private static Ttlv query(QueryFunction... functions) {
    List<Ttlv> c = new ArrayList<>();
    for (QueryFunction f : functions) {
      c.add(Ttlv.enumeration(Tag.QUERY_FUNCTION, f));
    }
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, c);
  }

  private static Attribute name(String value) {
    return Attribute.of(Tag.NAME, Ttlv.structure(Tag.NAME,
        Ttlv.text(Tag.NAME_VALUE, value), Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING)));
  }

  private static Ttlv uid(String uid) {
    return uid == null
        ? Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())
        : Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, uid));
  }

  private static String uidOf(ResponseBatchItem r) {
    assertNotNull(r.responsePayload(), () -> "no payload: " + r.resultStatus() + " " + r.resultReason() + " " + r.resultMessage());
    return r.responsePayload().child(Tag.UNIQUE_IDENTIFIER).asText();
  }

  private static Ttlv succeeded(ResponseBatchItem r) {
    assertStatus(ResultStatus.SUCCESS, r);
    return r.responsePayload();
  }

  private static void assertStatus(ResultStatus expected, ResponseBatchItem r) {
    assertStatus(expected, r, "");
  }

  private static void assertStatus(ResultStatus expected, ResponseBatchItem r, String why) {
    assertEquals(expected, r.resultStatus(), () -> why + " got " + r.resultStatus() + " / " + r.resultReason() + ": " + r.resultMessage());
  }

  private static void assertFailed(ResultReason reason, ResponseBatchItem r) {
    assertFailed(reason, r, "");
  }

  private static void assertFailed(ResultReason reason, ResponseBatchItem r, String why) {
    assertStatus(ResultStatus.OPERATION_FAILED, r, why);
    assertEquals(reason, r.resultReason(), () -> why + " " + r.resultMessage());
    assertNull(r.responsePayload());
  }

  /** "Action Result" per audited item, in order. */
  private List<String> auditSummary() {
    return audit.events().stream().map((AuditEvent e) -> e.action() + " " + e.result()).toList();
  }

  private static int encodedSize(ResponseMessage r) {
    return TtlvWriter.encode(r.encode()).length;
  }

  private static Ttlv reread(Ttlv t) {
    try {
      return new TtlvReader().read(TtlvWriter.encode(t));
    } catch (TtlvException e) {
      throw new AssertionError(e);
    }
  }

  private static OperationHandler handler(Operation op, BiFunction<Ttlv, RequestContext, Ttlv> body) {
    return new OperationHandler() {
      @Override
      public Operation operation() {
        return op;
      }

      @Override
      public Ttlv handle(Ttlv requestPayload, RequestContext context) {
        return body.apply(requestPayload, context);
      }
    };
  }

  /** Runs something whose incidents are logged with stack traces on purpose. */
  private static <T> T withoutIncidentLog(java.util.function.Supplier<T> s) {
    Logger log = Logger.getLogger(KmipService.class.getName());
    Level level = log.getLevel();
    log.setLevel(Level.OFF);
    try {
      return s.get();
    } finally {
      log.setLevel(level);
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {

    private Instant now = Handlers.NOW;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
