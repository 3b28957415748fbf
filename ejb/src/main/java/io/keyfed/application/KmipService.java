package io.keyfed.application;

import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseHeader;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.spec.BatchErrorContinuationOption;
import io.keyfed.kmip.spec.ItemType;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The batch loop (KMIP 1.4 §7, 2.1 §8): checks the protocol version, hands each batch item to its
 * handler, applies the Batch Error Continuation Option, and builds the response in the request's
 * version. Each handler runs in its own transaction (the loop itself runs in none), so one failed
 * item never undoes another.
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

  public ResponseMessage execute(RequestMessage request, ClientIdentity client) {
    ProtocolVersion asked = request.header().protocolVersion();
    KmipVersion version = asked.known();
    boolean supported = version != null && SUPPORTED_VERSIONS.contains(version);
    KmipVersion replyVersion = supported ? version : closestSupported(asked);
    RequestContext ctx = new RequestContext(client, replyVersion, Instant.now().truncatedTo(ChronoUnit.SECONDS));

    BatchErrorContinuationOption onError = request.header().batchErrorContinuationOption();
    List<ResponseBatchItem> out = new ArrayList<>(request.batchItems().size());
    for (RequestBatchItem item : request.batchItems()) {
      ResponseBatchItem r;
      if (!supported && item.knownOperation() != Operation.DISCOVER_VERSIONS) {
        r = ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(), ResultReason.INVALID_MESSAGE,
            "protocol version " + asked + " is not supported; Discover Versions lists the supported ones");
      } else {
        r = executeItem(item, ctx);
      }
      out.add(r);
      audit(ctx, item, r);
      if (!r.succeeded() && onError != BatchErrorContinuationOption.CONTINUE) {
        // Stop (the default) and Undo: the items after a failure are not processed.
        break;
      }
    }
    ResponseHeader header = new ResponseHeader(ProtocolVersion.of(replyVersion), ctx.now(),
        request.header().clientCorrelationValue(), request.header().serverCorrelationValue(), out.size());
    return new ResponseMessage(header, out);
  }

  private ResponseBatchItem executeItem(RequestBatchItem item, RequestContext ctx) {
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
    try {
      Ttlv payload = handler.handle(item.requestPayload(), ctx);
      return ResponseBatchItem.success(item.operation(), item.uniqueBatchItemId(), payload);
    } catch (KmipException e) {
      return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(),
          ResultReasons.forVersion(e.resultReason(), ctx.version()), e.getMessage());
    } catch (EJBException | IllegalStateException | IllegalArgumentException e) {
      KmipException cause = kmipCause(e);
      if (cause != null) {
        return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(),
            ResultReasons.forVersion(cause.resultReason(), ctx.version()), cause.getMessage());
      }
      return generalFailure(item, op, e);
    } catch (RuntimeException e) {
      return generalFailure(item, op, e);
    }
  }

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

  private static ResponseBatchItem generalFailure(RequestBatchItem item, Operation op, Exception e) {
    // The client gets an incident number, never internal detail; the log has the rest.
    String incident = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, "incident " + incident + " in " + op, e);
    return ResponseBatchItem.failure(item.operation(), item.uniqueBatchItemId(), ResultReason.GENERAL_FAILURE,
        "internal error, incident " + incident);
  }

  private static KmipException kmipCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KmipException k) {
        return k;
      }
    }
    return null;
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
