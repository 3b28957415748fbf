package io.keyfed.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.application.operation.Handlers;
import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.attribute.Attribute;
import io.keyfed.kmip.attribute.AttributeCodec;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.payload.DiscoverVersions;
import io.keyfed.kmip.payload.RevokeRequest;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.CryptographicAlgorithm;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.RevocationReasonCode;
import io.keyfed.kmip.spec.State;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvLimits;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.ejb.EJBException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch loop (KMIP 1.4 §7, 2.1 §8) as a plain object over the real handlers: the ID
 * Placeholder from item to item, Batch Error Continuation, operations the server lacks, protocol
 * versions it does not speak, Result Reasons a 1.x client can read, and one audit event per item
 * processed. Then the endpoint in front of it, for requests that cannot be decoded.
 */
class KmipServiceTest {

  private final Handlers h = new Handlers();
  private final RecordingAuditTrail audit = new RecordingAuditTrail();
  private final KmipService service = service(h.dispatcher);

  private KmipService service(OperationDispatcher dispatcher) {
    KmipService s = new KmipService();
    s.dispatcher = dispatcher;
    s.audit = audit;
    s.transactions = new DirectTransactions();
    s.async = AsynchronousOperations.of(Runnable::run, AsyncSettings.DEFAULT, java.time.Clock.systemUTC());
    return s;
  }

  // ---- the ID Placeholder -------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(value = KmipVersion.class, names = {"V1_2", "V2_1"})
  void theIdPlaceholderCarriesTheCreatedObjectThroughTheBatch(KmipVersion v) {
    ResponseMessage r = execute(v, null,
        item(Operation.CREATE, 1, create(v)),
        item(Operation.ACTIVATE, 2, null),
        item(Operation.GET_ATTRIBUTES, 3, null),
        item(Operation.GET, 4, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())));

    assertEquals(4, r.batchItems().size());
    assertEquals(4, r.header().batchCount());
    assertEquals(ProtocolVersion.of(v), r.header().protocolVersion());
    String uid = r.batchItems().get(0).responsePayload().child(Tag.UNIQUE_IDENTIFIER).asText();
    for (int i = 0; i < 4; i++) {
      ResponseBatchItem item = r.batchItems().get(i);
      assertTrue(item.succeeded(), () -> item.resultReason() + ": " + item.resultMessage());
      assertArrayEquals(new byte[] {(byte) (i + 1)}, item.uniqueBatchItemId());
      assertEquals(uid, item.responsePayload().child(Tag.UNIQUE_IDENTIFIER).asText());
    }
    assertEquals(Operation.ACTIVATE.value(), r.batchItems().get(1).operation());
    assertEquals(State.ACTIVE, h.repository.find(uid).state());
  }

  // ---- Batch Error Continuation -------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "DEFAULT", value = {"DEFAULT, 1", "STOP, 1", "UNDO, 1", "CONTINUE, 3"})
  void aFailedItemStopsTheBatchUnlessTheClientAskedToContinue(BatchErrorContinuationOption option, int answered) {
    ResponseMessage r = execute(KmipVersion.V1_4, option,
        item(Operation.ACTIVATE, 1, Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "missing"))),
        item(Operation.CREATE, 2, create(KmipVersion.V1_4)),
        item(Operation.DISCOVER_VERSIONS, 3, null));

    assertEquals(answered, r.batchItems().size());
    assertEquals(answered, r.header().batchCount());
    assertEquals(ResultReason.ITEM_NOT_FOUND, r.batchItems().get(0).resultReason());
    for (ResponseBatchItem later : r.batchItems().subList(1, answered)) {
      assertTrue(later.succeeded());
    }
    assertEquals(answered == 3 ? 1 : 0, h.repository.size(), "items after a Stop are not processed");
    assertEquals(answered, audit.events().size());
  }

  // ---- operations the server lacks ----------------------------------------------------------

  @Test
  void anOperationWithoutAHandlerIsNotSupportedInItsPlace() {
    ResponseMessage r = execute(KmipVersion.V2_1, BatchErrorContinuationOption.CONTINUE,
        new RequestBatchItem(0x0000_0999, new byte[] {1}, null, null),
        item(Operation.RE_KEY, 2, null),
        item(Operation.QUERY, 3, null));

    ResponseBatchItem unknown = r.batchItems().get(0);
    assertEquals(ResultStatus.OPERATION_FAILED, unknown.resultStatus());
    assertEquals(ResultReason.OPERATION_NOT_SUPPORTED, unknown.resultReason());
    assertEquals(0x999, unknown.operation());
    assertArrayEquals(new byte[] {1}, unknown.uniqueBatchItemId());
    assertEquals(ResultReason.OPERATION_NOT_SUPPORTED, r.batchItems().get(1).resultReason());
    assertEquals(Operation.RE_KEY.value(), r.batchItems().get(1).operation());
    assertTrue(r.batchItems().get(2).succeeded());
    assertEquals("0x00000999", audit.events().get(0).action());
  }

  @Test
  void anOperationNewerThanTheRequestsVersionIsNotSupported() {
    ResponseMessage r = execute(KmipVersion.V1_0, null, item(Operation.DISCOVER_VERSIONS, 1, null));
    assertEquals(ResultReason.OPERATION_NOT_SUPPORTED, r.batchItems().get(0).resultReason());
  }

  // ---- protocol versions --------------------------------------------------------------------

  @ParameterizedTest(name = "{0}.{1} is answered in {2}.{3}")
  @CsvSource({"3, 0, 2, 1", "9, 9, 2, 1", "1, 7, 1, 4", "2, 5, 2, 1"})
  void anUnsupportedVersionIsAnInvalidMessageExceptForDiscoverVersions(int major, int minor, int replyMajor, int replyMinor) {
    RequestMessage request = new RequestMessage(
        new RequestHeader(new ProtocolVersion(major, minor), null, null, null, null, null,
            BatchErrorContinuationOption.CONTINUE, null, null, 3),
        List.of(
            item(Operation.DISCOVER_VERSIONS, 1, new DiscoverVersions(List.of(new ProtocolVersion(2, 1), new ProtocolVersion(1, 4)))
                .encodeRequest()),
            item(Operation.QUERY, 2, null),
            item(Operation.CREATE, 3, create(KmipVersion.V2_1))));
    ResponseMessage r = service.execute(request, Handlers.ALICE);

    assertEquals(new ProtocolVersion(replyMajor, replyMinor), r.header().protocolVersion());
    ResponseBatchItem discover = r.batchItems().get(0);
    assertTrue(discover.succeeded());
    assertEquals(List.of(new ProtocolVersion(2, 1), new ProtocolVersion(1, 4)),
        DiscoverVersions.decode(discover.responsePayload()).protocolVersions());
    for (ResponseBatchItem refused : r.batchItems().subList(1, 3)) {
      assertEquals(ResultReason.INVALID_MESSAGE, refused.resultReason());
    }
    assertEquals(0, h.repository.size());
  }

  // ---- Result Reasons by version ------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "V1_0, PERMISSION_DENIED, ITEM_NOT_FOUND",
      "V1_4, PERMISSION_DENIED, ITEM_NOT_FOUND",
      "V2_0, WRONG_KEY_LIFECYCLE_STATE, OBJECT_DESTROYED",
      "V2_1, WRONG_KEY_LIFECYCLE_STATE, OBJECT_DESTROYED"})
  void resultReasonsAreThoseTheClientsVersionDefines(KmipVersion v, ResultReason wrongState, ResultReason destroyed) {
    ResponseMessage r = execute(v, BatchErrorContinuationOption.CONTINUE,
        item(Operation.CREATE, 1, create(v)),
        item(Operation.ACTIVATE, 2, null),
        item(Operation.ACTIVATE, 3, null), // already Active
        item(Operation.REVOKE, 4, new RevokeRequest(null, RevocationReasonCode.SUPERSEDED, null, null).encode()),
        item(Operation.DESTROY, 5, null),
        item(Operation.GET, 6, null));

    assertEquals(wrongState, r.batchItems().get(2).resultReason());
    assertEquals(destroyed, r.batchItems().get(5).resultReason());
    for (ResponseBatchItem i : r.batchItems()) {
      assertTrue(i.resultReason() == null || i.resultReason().definedIn(v), () -> i.resultReason() + " in " + v);
    }
    assertEquals(wrongState.specName(), audit.events().get(2).reason());
  }

  @Test
  void resultReasonsForVersionMapEveryNewerReasonToOneTheClientKnows() {
    assertEquals(ResultReason.PERMISSION_DENIED, ResultReasons.forVersion(ResultReason.WRONG_KEY_LIFECYCLE_STATE, KmipVersion.V1_4));
    assertEquals(ResultReason.ITEM_NOT_FOUND, ResultReasons.forVersion(ResultReason.OBJECT_DESTROYED, KmipVersion.V1_4));
    assertEquals(ResultReason.ITEM_NOT_FOUND, ResultReasons.forVersion(ResultReason.OBJECT_NOT_FOUND, KmipVersion.V1_0));
    for (ResultReason reason : ResultReason.values()) {
      if (reason.removedIn() != null) {
        // Illegal Operation and Index Out of Bounds (removed in 2.0) are passed through as they
        // are: no handler raises them today.
        continue;
      }
      for (KmipVersion v : KmipService.SUPPORTED_VERSIONS) {
        ResultReason sent = ResultReasons.forVersion(reason, v);
        assertTrue(sent.definedIn(v), () -> reason + " is sent to " + v + " as " + sent);
        if (reason.definedIn(v)) {
          assertEquals(reason, sent);
        }
      }
    }
    assertNull(ResultReasons.forVersion(null, KmipVersion.V1_0));
  }

  // ---- failures inside a handler ------------------------------------------------------------

  @Test
  void anUnexpectedFailureIsAGeneralFailureWithoutDetail() {
    OperationHandler boom = handler(Operation.GET, () -> {
      throw new NullPointerException("secret internal detail");
    });
    OperationHandler wrapped = handler(Operation.ACTIVATE, () -> {
      throw new EJBException(new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, "wrapped by the container"));
    });
    KmipService s = service(Dispatchers.of(List.of(boom, wrapped)));
    Logger log = Logger.getLogger(KmipService.class.getName());
    Level level = log.getLevel();
    log.setLevel(Level.OFF); // the incident is logged with its stack trace; expected here
    ResponseMessage r;
    try {
      r = s.execute(request(KmipVersion.V1_4, BatchErrorContinuationOption.CONTINUE,
          item(Operation.GET, 1, null), item(Operation.ACTIVATE, 2, null)), Handlers.ALICE);
    } finally {
      log.setLevel(level);
    }

    ResponseBatchItem general = r.batchItems().get(0);
    assertEquals(ResultReason.GENERAL_FAILURE, general.resultReason());
    assertTrue(general.resultMessage().startsWith("internal error, incident "), general.resultMessage());
    assertFalse(general.resultMessage().contains("secret"));
    assertEquals(ResultReason.PERMISSION_DENIED, r.batchItems().get(1).resultReason());
    assertEquals("wrapped by the container", r.batchItems().get(1).resultMessage());
  }

  // ---- the response header and the audit ----------------------------------------------------

  @Test
  void theResponseEchoesTheCorrelationValuesAndStampsTheTime() {
    Ttlv client = Ttlv.bytes(Tag.CLIENT_CORRELATION_VALUE, new byte[] {1, 2});
    Ttlv server = Ttlv.bytes(Tag.SERVER_CORRELATION_VALUE, new byte[] {3});
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ResponseMessage r = service.execute(new RequestMessage(
        new RequestHeader(new ProtocolVersion(2, 1), null, client, server, null, null, null, null, null, 1),
        List.of(item(Operation.QUERY, null, null))), Handlers.ALICE);
    assertEquals(client, r.header().clientCorrelationValue());
    assertEquals(server, r.header().serverCorrelationValue());
    Instant stamp = r.header().timeStamp();
    assertFalse(stamp.isBefore(before));
    assertEquals(0, stamp.getNano());
    assertNull(r.batchItems().get(0).uniqueBatchItemId());
  }

  @Test
  void eachProcessedItemIsAudited() {
    ResponseMessage r = execute(KmipVersion.V2_1, BatchErrorContinuationOption.CONTINUE,
        item(Operation.CREATE, 1, create(KmipVersion.V2_1)),
        item(Operation.DESTROY, 2, Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "missing"))),
        item(Operation.QUERY, 3, null));
    String uid = r.batchItems().get(0).responsePayload().child(Tag.UNIQUE_IDENTIFIER).asText();

    List<AuditEvent> events = audit.events();
    assertEquals(3, events.size());
    AuditEvent created = events.get(0);
    assertEquals("alice", created.actor());
    assertEquals("tls", created.channel());
    assertEquals("Create", created.action());
    assertEquals(uid, created.uniqueIdentifier());
    assertEquals("Success", created.result());
    assertNull(created.reason());
    assertEquals(r.header().timeStamp(), created.at());

    AuditEvent failed = events.get(1);
    assertEquals("Destroy", failed.action());
    assertEquals("missing", failed.uniqueIdentifier(), "the identifier the client asked for");
    assertEquals("Operation Failed", failed.result());
    assertEquals("Object Not Found", failed.reason());

    assertEquals("Query", events.get(2).action());
    assertNull(events.get(2).uniqueIdentifier());
  }

  // ---- the endpoint in front ----------------------------------------------------------------

  @Test
  void theEndpointAnswersUndecodableRequestsAndNeverThrows() throws Exception {
    KmipEndpoint endpoint = new KmipEndpoint();
    endpoint.service = service;
    endpoint.config = new KeyfedConfig() {
      @Override
      public TtlvLimits ttlvLimits() {
        return TtlvLimits.DEFAULT;
      }

      @Override
      public int maxBatchItems() {
        return 1000;
      }
    };
    endpoint.rateLimiter = RequestRateLimiter.of(0);
    endpoint.init();
    TtlvReader reader = new TtlvReader();

    // Not TTLV at all: Invalid Message, in 1.0 since nothing more could be read.
    ResponseMessage garbage = ResponseMessage.decode(reader.read(endpoint.handle(new byte[] {0x42, 0, 0x78, 0x01, 0, 0, 0, 8}, Handlers.ALICE)));
    assertEquals(new ProtocolVersion(1, 0), garbage.header().protocolVersion());
    assertEquals(ResultReason.INVALID_MESSAGE, garbage.batchItems().get(0).resultReason());

    // A Protocol Version that is not a structure: Invalid Field, not an exception.
    Ttlv badVersion = Ttlv.structure(Tag.REQUEST_MESSAGE,
        Ttlv.structure(Tag.REQUEST_HEADER, Ttlv.integer(Tag.PROTOCOL_VERSION, 1), Ttlv.integer(Tag.BATCH_COUNT, 1)),
        item(Operation.QUERY, null, null).encode());
    ResponseMessage r = ResponseMessage.decode(reader.read(endpoint.handle(badVersion, Handlers.ALICE)));
    assertEquals(ResultReason.INVALID_FIELD, r.batchItems().get(0).resultReason());

    // A Batch Count that disagrees: Invalid Message, answered in the request's version.
    Ttlv badCount = new RequestMessage(RequestHeader.simple(new ProtocolVersion(1, 4), 2), List.of(item(Operation.QUERY, null, null))).encode();
    ResponseMessage c = ResponseMessage.decode(reader.read(endpoint.handle(badCount, Handlers.ALICE)));
    assertEquals(new ProtocolVersion(1, 4), c.header().protocolVersion());
    assertEquals(ResultReason.INVALID_MESSAGE, c.batchItems().get(0).resultReason());
    assertTrue(audit.events().isEmpty(), "nothing was executed");

    // And a good request through bytes.
    byte[] good = TtlvWriter.encode(request(KmipVersion.V2_1, null, item(Operation.DISCOVER_VERSIONS, 7, null)).encode());
    ResponseMessage ok = ResponseMessage.decode(reader.read(endpoint.handle(good, Handlers.ALICE)));
    assertTrue(ok.batchItems().get(0).succeeded());
    assertArrayEquals(new byte[] {7}, ok.batchItems().get(0).uniqueBatchItemId());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private ResponseMessage execute(KmipVersion v, BatchErrorContinuationOption option, RequestBatchItem... items) {
    return service.execute(request(v, option, items), Handlers.ALICE);
  }

  private static RequestMessage request(KmipVersion v, BatchErrorContinuationOption option, RequestBatchItem... items) {
    return new RequestMessage(new RequestHeader(ProtocolVersion.of(v), null, null, null, null, null, option, null, null, items.length),
        List.of(items));
  }

  private static RequestBatchItem item(Operation op, Integer id, Ttlv payload) {
    return new RequestBatchItem(op.value(), id == null ? null : new byte[] {id.byteValue()}, payload, null);
  }

  private static Ttlv create(KmipVersion v) {
    List<Attribute> a = new ArrayList<>();
    a.add(Attribute.of(Tag.CRYPTOGRAPHIC_ALGORITHM, Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)));
    a.add(Attribute.of(Tag.CRYPTOGRAPHIC_LENGTH, Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)));
    return Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY),
        AttributeCodec.toResponse(a, v, Tag.TEMPLATE_ATTRIBUTE, Tag.ATTRIBUTES));
  }

  private static OperationHandler handler(Operation op, Runnable body) {
    return new OperationHandler() {
      @Override
      public Operation operation() {
        return op;
      }

      @Override
      public Ttlv handle(Ttlv requestPayload, RequestContext context) {
        body.run();
        return null;
      }
    };
  }
}
