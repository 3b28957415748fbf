package io.keyfed.kmip.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request and Response Messages (KMIP 1.4 §6-7, 2.1 §8-9) to the tree and back, through bytes;
 * what a malformed message is answered with: Invalid Message for a message that is not shaped
 * like one (Batch Count disagreeing with the items, a missing header), Invalid Field for a field
 * of the wrong item type or an undefined enumeration value.
 */
class MessageCodecTest {

  private static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

  // ---- round trips --------------------------------------------------------------------------

  @Test
  void aRequestWithEveryHeaderFieldRoundTripsThroughBytes() throws TtlvException {
    Ttlv authentication = Ttlv.structure(Tag.AUTHENTICATION,
        Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, 1)));
    RequestHeader header = new RequestHeader(new ProtocolVersion(1, 4), 4096,
        Ttlv.text(Tag.CLIENT_CORRELATION_VALUE, "client-42"), Ttlv.text(Tag.SERVER_CORRELATION_VALUE, "server-7"),
        AsynchronousIndicator.PROHIBITED, authentication, BatchErrorContinuationOption.CONTINUE, true, T, 3);
    Ttlv payload = Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "uid-1"));
    Ttlv extension = Ttlv.structure(Tag.MESSAGE_EXTENSION, Ttlv.text(Tag.VENDOR_IDENTIFICATION, "acme"),
        Ttlv.bool(Tag.CRITICALITY_INDICATOR, false), Ttlv.structure(Tag.VENDOR_EXTENSION, List.of()));
    RequestMessage m = new RequestMessage(header, List.of(
        new RequestBatchItem(Operation.GET.value(), new byte[] {1}, payload, null),
        new RequestBatchItem(0x0000_0999, new byte[] {2}, null, extension),
        new RequestBatchItem(Operation.DISCOVER_VERSIONS.value(), null, Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), null)));

    RequestMessage back = RequestMessage.decode(throughBytes(m.encode()));

    assertEquals(m.encode(), back.encode());
    RequestHeader h = back.header();
    assertEquals(new ProtocolVersion(1, 4), h.protocolVersion());
    assertEquals(KmipVersion.V1_4, h.protocolVersion().known());
    assertEquals(4096, h.maximumResponseSize());
    assertEquals("client-42", h.clientCorrelationValue().asText());
    assertEquals("server-7", h.serverCorrelationValue().asText());
    assertEquals(AsynchronousIndicator.PROHIBITED, h.asynchronousIndicator(), "1.4 sends it as the Boolean False");
    assertEquals(authentication, h.authentication());
    assertEquals(BatchErrorContinuationOption.CONTINUE, h.batchErrorContinuationOption());
    assertEquals(true, h.batchOrderOption());
    assertEquals(T, h.timeStamp());
    assertEquals(3, h.batchCount());

    assertEquals(Operation.GET, back.batchItems().get(0).knownOperation());
    assertArrayEquals(new byte[] {1}, back.batchItems().get(0).uniqueBatchItemId());
    assertEquals(payload, back.batchItems().get(0).requestPayload());
    // An operation this server does not know keeps its value and its place.
    assertEquals(0x999, back.batchItems().get(1).operation());
    assertNull(back.batchItems().get(1).knownOperation());
    assertEquals(extension, back.batchItems().get(1).messageExtension());
    assertNull(back.batchItems().get(2).uniqueBatchItemId());
  }

  @Test
  void aMinimalRequestAndItsEmptyPayload() throws TtlvException {
    RequestMessage m = new RequestMessage(RequestHeader.simple(new ProtocolVersion(2, 1), 1),
        List.of(new RequestBatchItem(Operation.QUERY.value(), null, null, null)));
    Ttlv tree = m.encode();
    // An absent payload is written as an empty Request Payload (it is mandatory on the wire).
    assertEquals(Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of()), tree.child(Tag.BATCH_ITEM).child(Tag.REQUEST_PAYLOAD));
    RequestMessage back = RequestMessage.decode(throughBytes(tree));
    assertEquals(tree, back.encode());
    assertNull(back.header().batchErrorContinuationOption());
    assertNull(back.header().timeStamp());
  }

  @Test
  void aResponseRoundTripsThroughBytes() throws TtlvException {
    ResponseMessage m = new ResponseMessage(
        new ResponseHeader(new ProtocolVersion(2, 0), T, Ttlv.bytes(Tag.CLIENT_CORRELATION_VALUE, new byte[] {9, 9}), null, 3),
        List.of(
            ResponseBatchItem.success(Operation.ACTIVATE.value(), new byte[] {1},
                Ttlv.structure(Tag.RESPONSE_PAYLOAD, Ttlv.text(Tag.UNIQUE_IDENTIFIER, "uid-1"))),
            ResponseBatchItem.failure(Operation.DESTROY.value(), new byte[] {2}, ResultReason.WRONG_KEY_LIFECYCLE_STATE, "it is Active"),
            new ResponseBatchItem(null, null, ResultStatus.OPERATION_PENDING, null, null, new byte[] {7, 7, 7}, null)));

    ResponseMessage back = ResponseMessage.decode(throughBytes(m.encode()));

    assertEquals(m.encode(), back.encode());
    assertEquals(T, back.header().timeStamp());
    assertArrayEquals(new byte[] {9, 9}, back.header().clientCorrelationValue().asBytes());
    assertEquals(3, back.header().batchCount());
    ResponseBatchItem ok = back.batchItems().get(0);
    assertTrue(ok.succeeded());
    assertEquals(Operation.ACTIVATE.value(), ok.operation());
    assertEquals("uid-1", ok.responsePayload().child(Tag.UNIQUE_IDENTIFIER).asText());
    ResponseBatchItem failed = back.batchItems().get(1);
    assertFalse(failed.succeeded());
    assertEquals(ResultStatus.OPERATION_FAILED, failed.resultStatus());
    assertEquals(ResultReason.WRONG_KEY_LIFECYCLE_STATE, failed.resultReason());
    assertEquals("it is Active", failed.resultMessage());
    ResponseBatchItem pending = back.batchItems().get(2);
    assertNull(pending.operation());
    assertArrayEquals(new byte[] {7, 7, 7}, pending.asynchronousCorrelationValue());
  }

  // ---- Invalid Message ----------------------------------------------------------------------

  @Test
  void aBatchCountThatDisagreesWithTheItemsIsAnInvalidMessage() {
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(request(2, item(Operation.QUERY))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(request(1, item(Operation.QUERY), item(Operation.QUERY))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(request(0)));
    RequestMessage.decode(request(2, item(Operation.QUERY), item(Operation.QUERY))); // and agreeing is fine
  }

  @Test
  void messagesThatAreNotShapedLikeARequestAreInvalidMessages() {
    assertReason(ResultReason.INVALID_MESSAGE,
        () -> RequestMessage.decode(Ttlv.structure(Tag.RESPONSE_MESSAGE, header(1), item(Operation.QUERY))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(Ttlv.text(Tag.REQUEST_MESSAGE, "hello")));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(Ttlv.structure(Tag.REQUEST_MESSAGE, item(Operation.QUERY))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(request(1, Ttlv.structure(Tag.BATCH_ITEM,
        Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(Ttlv.structure(Tag.REQUEST_MESSAGE,
        Ttlv.structure(Tag.REQUEST_HEADER, Ttlv.integer(Tag.BATCH_COUNT, 1)), item(Operation.QUERY))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(Ttlv.structure(Tag.REQUEST_MESSAGE,
        Ttlv.structure(Tag.REQUEST_HEADER,
            Ttlv.structure(Tag.PROTOCOL_VERSION, Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 1)),
            Ttlv.integer(Tag.BATCH_COUNT, 1)), item(Operation.QUERY))));
    // A Batch Item whose Operation is not even an Enumeration cannot be answered in its place.
    assertReason(ResultReason.INVALID_MESSAGE, () -> RequestMessage.decode(request(1, Ttlv.structure(Tag.BATCH_ITEM,
        Ttlv.integer(Tag.OPERATION, Operation.QUERY.value()), Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())))));
  }

  // ---- Invalid Field ------------------------------------------------------------------------

  static Stream<Arguments> wrongRequestFields() {
    return Stream.of(
        Arguments.of("Batch Count as a Text String", (UnaryOperator<Ttlv>) m -> replaceInHeader(m, Ttlv.text(Tag.BATCH_COUNT, "1"))),
        Arguments.of("Batch Count as a Long Integer", (UnaryOperator<Ttlv>) m -> replaceInHeader(m, Ttlv.longInteger(Tag.BATCH_COUNT, 1))),
        Arguments.of("Protocol Version as an Integer", (UnaryOperator<Ttlv>) m -> replaceInHeader(m, Ttlv.integer(Tag.PROTOCOL_VERSION, 1))),
        Arguments.of("Protocol Version Major as a Text String", (UnaryOperator<Ttlv>) m -> replaceInHeader(m,
            Ttlv.structure(Tag.PROTOCOL_VERSION, Ttlv.text(Tag.PROTOCOL_VERSION_MAJOR, "1"), Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 4)))),
        Arguments.of("Maximum Response Size as a Long Integer", (UnaryOperator<Ttlv>) m -> addToHeader(m, Ttlv.longInteger(Tag.MAXIMUM_RESPONSE_SIZE, 9))),
        Arguments.of("Asynchronous Indicator as an Integer", (UnaryOperator<Ttlv>) m -> addToHeader(m, Ttlv.integer(Tag.ASYNCHRONOUS_INDICATOR, 0))),
        Arguments.of("Batch Error Continuation Option as an Integer",
            (UnaryOperator<Ttlv>) m -> addToHeader(m, Ttlv.integer(Tag.BATCH_ERROR_CONTINUATION_OPTION, 1))),
        Arguments.of("Batch Error Continuation Option of undefined value 0x63",
            (UnaryOperator<Ttlv>) m -> addToHeader(m, Ttlv.enumeration(Tag.BATCH_ERROR_CONTINUATION_OPTION, 0x63))),
        Arguments.of("Time Stamp as a Text String", (UnaryOperator<Ttlv>) m -> addToHeader(m, Ttlv.text(Tag.TIME_STAMP, "now"))),
        Arguments.of("Request Header as a Text String", (UnaryOperator<Ttlv>) m -> Ttlv.structure(Tag.REQUEST_MESSAGE,
            Ttlv.text(Tag.REQUEST_HEADER, "header"), item(Operation.QUERY))),
        Arguments.of("Batch Item as an Integer", (UnaryOperator<Ttlv>) m -> Ttlv.structure(Tag.REQUEST_MESSAGE,
            header(1), Ttlv.integer(Tag.BATCH_ITEM, 1))),
        Arguments.of("Unique Batch Item ID as a Text String", (UnaryOperator<Ttlv>) m -> Ttlv.structure(Tag.REQUEST_MESSAGE,
            header(1), Ttlv.structure(Tag.BATCH_ITEM, Ttlv.enumeration(Tag.OPERATION, Operation.QUERY),
                Ttlv.text(Tag.UNIQUE_BATCH_ITEM_ID, "1"), Ttlv.structure(Tag.REQUEST_PAYLOAD, List.of())))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongRequestFields")
  void aRequestFieldOfTheWrongItemTypeIsAnInvalidField(String what, UnaryOperator<Ttlv> spoil) {
    Ttlv spoilt = spoil.apply(request(1, item(Operation.QUERY)));
    assertReason(ResultReason.INVALID_FIELD, () -> RequestMessage.decode(spoilt));
  }

  @Test
  void aResponseFieldOfTheWrongItemTypeIsAnInvalidField() {
    Ttlv header = new ResponseHeader(new ProtocolVersion(1, 4), T, null, null, 1).encode();
    assertReason(ResultReason.INVALID_FIELD, () -> ResponseMessage.decode(Ttlv.structure(Tag.RESPONSE_MESSAGE, header,
        Ttlv.structure(Tag.BATCH_ITEM, Ttlv.integer(Tag.OPERATION, 1), Ttlv.enumeration(Tag.RESULT_STATUS, ResultStatus.SUCCESS)))));
    assertReason(ResultReason.INVALID_FIELD, () -> ResponseMessage.decode(Ttlv.structure(Tag.RESPONSE_MESSAGE, header,
        Ttlv.structure(Tag.BATCH_ITEM, Ttlv.integer(Tag.RESULT_STATUS, 0)))));
    assertReason(ResultReason.INVALID_FIELD, () -> ResponseMessage.decode(Ttlv.structure(Tag.RESPONSE_MESSAGE, header,
        Ttlv.structure(Tag.BATCH_ITEM, Ttlv.enumeration(Tag.RESULT_STATUS, ResultStatus.OPERATION_FAILED),
            Ttlv.enumeration(Tag.RESULT_REASON, 0x7FFF_0000)))));
    assertReason(ResultReason.INVALID_FIELD, () -> ResponseMessage.decode(Ttlv.structure(Tag.RESPONSE_MESSAGE,
        Ttlv.structure(Tag.RESPONSE_HEADER, Ttlv.integer(Tag.PROTOCOL_VERSION, 1), Ttlv.dateTime(Tag.TIME_STAMP, T),
            Ttlv.integer(Tag.BATCH_COUNT, 0)))));
  }

  @Test
  void aResponseLacksNothingMandatory() {
    assertReason(ResultReason.INVALID_MESSAGE, () -> ResponseMessage.decode(Ttlv.structure(Tag.RESPONSE_MESSAGE,
        Ttlv.structure(Tag.RESPONSE_HEADER, new ProtocolVersion(1, 4).encode(), Ttlv.integer(Tag.BATCH_COUNT, 0)))));
    assertReason(ResultReason.INVALID_MESSAGE, () -> ResponseMessage.decode(Ttlv.structure(Tag.REQUEST_MESSAGE, List.of())));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static Ttlv throughBytes(Ttlv t) throws TtlvException {
    return new TtlvReader().read(TtlvWriter.encode(t));
  }

  private static Ttlv header(int batchCount) {
    return RequestHeader.simple(new ProtocolVersion(1, 4), batchCount).encode();
  }

  private static Ttlv item(Operation op) {
    return new RequestBatchItem(op.value(), null, null, null).encode();
  }

  private static Ttlv request(int batchCount, Ttlv... items) {
    List<Ttlv> c = new ArrayList<>();
    c.add(header(batchCount));
    c.addAll(List.of(items));
    return Ttlv.structure(Tag.REQUEST_MESSAGE, c);
  }

  /** The message with the header's child of the same tag replaced. */
  private static Ttlv replaceInHeader(Ttlv message, Ttlv field) {
    List<Ttlv> h = new ArrayList<>();
    for (Ttlv c : message.child(Tag.REQUEST_HEADER).children()) {
      h.add(c.tag() == field.tag() ? field : c);
    }
    return withHeader(message, h);
  }

  /** The message with the field added to the header, before the Batch Count. */
  private static Ttlv addToHeader(Ttlv message, Ttlv field) {
    List<Ttlv> h = new ArrayList<>(message.child(Tag.REQUEST_HEADER).children());
    h.add(h.size() - 1, field);
    return withHeader(message, h);
  }

  private static Ttlv withHeader(Ttlv message, List<Ttlv> header) {
    List<Ttlv> m = new ArrayList<>();
    for (Ttlv c : message.children()) {
      m.add(c.is(Tag.REQUEST_HEADER) ? Ttlv.structure(Tag.REQUEST_HEADER, header) : c);
    }
    return Ttlv.structure(Tag.REQUEST_MESSAGE, m);
  }

  static KmipException assertReason(ResultReason reason, Runnable decode) {
    KmipException e = assertThrows(KmipException.class, decode::run);
    assertEquals(reason, e.resultReason(), e.getMessage());
    return e;
  }
}
