package io.keyfed.application;

import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseHeader;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.message.VersionGuard;
import io.keyfed.kmip.spec.AsynchronousIndicator;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvLimits;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.function.UnaryOperator;

/**
 * A request message in, its response out (KMIP 1.4 §7, 2.1 §8): checks the protocol version,
 * reads the Request Header's batch fields — Batch Error Continuation Option, Batch Order Option,
 * Asynchronous Indicator, Maximum Response Size — has the items processed ({@link BatchProcessor}),
 * and builds the response in the request's version, no larger than the client's Maximum Response
 * Size and the server's largest message ({@link ResponseSizeLimit}).
 *
 * <p>The service itself runs in no transaction: with Stop or Continue each handler runs in its own,
 * so one failed item never undoes another; with Undo, or for an asynchronous item, the items run
 * in a transaction of the {@link TransactionRunner}'s, which the loop rolls back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KmipService {

  private static final Logger LOG = Logger.getLogger(KmipService.class.getName());

  /** The versions this server speaks, most preferred first. */
  public static final List<KmipVersion> SUPPORTED_VERSIONS = List.of(
      KmipVersion.V2_1, KmipVersion.V2_0, KmipVersion.V1_4, KmipVersion.V1_3,
      KmipVersion.V1_2, KmipVersion.V1_1, KmipVersion.V1_0);

  @Inject
  OperationDispatcher dispatcher;

  @Inject
  AuditTrail audit;

  @Inject
  TransactionRunner transactions;

  @Inject
  AsynchronousOperations async;

  @Inject
  KeyfedConfig config;

  @Inject
  io.keyfed.application.identity.IdentityRegistry identities;

  /** {@code keyfed.kmip.max-message-bytes}: no response is larger either. */
  int maxMessageBytes = TtlvLimits.DEFAULT.maxMessageBytes();

  @PostConstruct
  void init() {
    maxMessageBytes = config.ttlvLimits().maxMessageBytes();
  }

  public ResponseMessage execute(RequestMessage request, ClientIdentity client) {
    RequestHeader h = request.header();
    ProtocolVersion asked = h.protocolVersion();
    KmipVersion version = asked.known();
    boolean supported = version != null && SUPPORTED_VERSIONS.contains(version);
    KmipVersion replyVersion = supported ? version : closestSupported(asked);
    RequestContext ctx = new RequestContext(client, replyVersion, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    if (identities != null) {
      ctx.setGrants(() -> identities.grantsOf(client));
    }

    // Stop is the default (KMIP 1.4 §6.13); with one item the option changes nothing.
    BatchErrorContinuationOption onError = h.batchErrorContinuationOption() == null
        ? BatchErrorContinuationOption.STOP : h.batchErrorContinuationOption();
    // A request in a version we do not speak is answered at once, never asynchronously.
    AsynchronousIndicator mode = supported ? h.asynchronousIndicator() : null;
    UnaryOperator<List<ResponseBatchItem>> fit = sizeLimit(h, ctx, replyVersion);

    List<ResponseBatchItem> out = new BatchProcessor(dispatcher, audit, transactions, async)
        .process(new BatchProcessor.Batch(request.batchItems(), ctx, onError, supported, asked, fit), mode);
    List<ResponseBatchItem> fitted = fit.apply(confined(out, ctx.version()));
    return new ResponseMessage(header(h, ctx, fitted.size()), fitted);
  }

  /**
   * The items with nothing in their payloads that the client's version does not define
   * ({@link VersionGuard}); each thing left out is logged, for it is a handler's bug.
   */
  static List<ResponseBatchItem> confined(List<ResponseBatchItem> items, KmipVersion v) {
    List<ResponseBatchItem> out = new ArrayList<>(items.size());
    for (ResponseBatchItem i : items) {
      Ttlv payload = VersionGuard.confine(i.responsePayload(), v, dropped -> LOG.warning(() ->
          VersionGuard.class.getSimpleName() + ": left out of a " + operationName(i.operation())
              + " response to a KMIP " + v.label() + " client: " + dropped));
      out.add(payload == i.responsePayload() ? i : new ResponseBatchItem(i.operation(), i.uniqueBatchItemId(),
          i.resultStatus(), i.resultReason(), i.resultMessage(), i.asynchronousCorrelationValue(), payload,
          i.messageExtension(), i.otherFields()));
    }
    return out;
  }

  private static String operationName(Integer code) {
    io.keyfed.kmip.spec.Operation op = code == null ? null : io.keyfed.kmip.spec.Operation.fromValue(code);
    return op != null ? op.specName() : "batch item";
  }

  /** The items cut to the smaller of the client's Maximum Response Size and the server's maximum. */
  private UnaryOperator<List<ResponseBatchItem>> sizeLimit(RequestHeader h, RequestContext ctx, KmipVersion v) {
    Integer asked = h.maximumResponseSize();
    boolean client = asked != null && asked < maxMessageBytes;
    int limit = client ? asked : maxMessageBytes;
    String name = client ? "Maximum Response Size" : "server's largest message";
    return items -> ResponseSizeLimit.fit(header(h, ctx, items.size()), items, limit, v, name);
  }

  private static ResponseHeader header(RequestHeader h, RequestContext ctx, int batchCount) {
    return new ResponseHeader(ProtocolVersion.of(ctx.version()), ctx.now(), h.clientCorrelationValue(),
        h.serverCorrelationValue(), batchCount);
  }

  /** For an unsupported request version: the highest supported version below it, else the lowest. */
  static KmipVersion closestSupported(ProtocolVersion asked) {
    for (KmipVersion v : SUPPORTED_VERSIONS) {
      if (ProtocolVersion.of(v).compareTo(asked) <= 0) {
        return v;
      }
    }
    return SUPPORTED_VERSIONS.get(SUPPORTED_VERSIONS.size() - 1);
  }
}
