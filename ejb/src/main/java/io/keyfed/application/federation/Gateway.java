package io.keyfed.application.federation;

import io.keyfed.application.OperationHandler;
import io.keyfed.application.OperationNames;
import io.keyfed.application.RequestContext;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.ResultStatus;
import io.keyfed.kmip.ttlv.Ttlv;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Use case 5 of DESIGN.md, gateway/proxy: a server configured with an upstream ({@code
 * keyfed.gateway.upstream}, a registered server entity) forwards the configured operations
 * ({@code keyfed.gateway.operations}, by default Certify and Re-certify — the gateway needs no CA
 * of its own) to it and answers with the upstream's answer: the same payload on success, the same
 * Result Reason and Result Message on failure, so the client cannot tell. The request goes in the
 * client's own protocol version, over the gateway's mutual-TLS channel to the upstream, and names
 * the client ({@link OnBehalfOf}), so that at the upstream the operation runs as, is owned by and
 * is audited for that client.
 */
@ApplicationScoped
public class Gateway {

  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

  @Inject
  KeyfedConfig config;

  @Inject
  PeerDirectory peers;

  @Inject
  PeerClient peerClient;

  private String upstream;
  private Map<Operation, OperationHandler> forwarders = Map.of();

  @PostConstruct
  void configure() {
    upstream = config.gatewayUpstream();
    if (upstream == null) {
      return;
    }
    Set<Operation> ops = OperationNames.parse("keyfed.gateway.operations", config.gatewayOperations());
    Map<Operation, OperationHandler> f = new EnumMap<>(Operation.class);
    for (Operation op : ops) {
      f.put(op, new Forwarder(op));
    }
    forwarders = Collections.unmodifiableMap(f);
    LOG.info("gateway: " + ops + " forwarded to " + upstream);
  }

  /**
   * The handlers that forward operations upstream, by operation: the dispatcher puts them in its
   * table in place of this server's own (empty when this server is no gateway).
   */
  public Map<Operation, OperationHandler> forwarders() {
    return forwarders;
  }

  /** The client's request, as it came, to the upstream; its answer back as this server's. */
  Ttlv forward(Operation op, Ttlv requestPayload, RequestContext ctx) {
    ServerEntity peer = peers.named(upstream);
    if (peer == null) {
      throw new KmipException(ResultReason.GENERAL_FAILURE, op.specName() + " is forwarded to " + upstream
          + ", which is not a registered server here");
    }
    RequestBatchItem item = new RequestBatchItem(op.value(), null, requestPayload, OnBehalfOf.extension(ctx.client().name()));
    ResponseBatchItem answer;
    try {
      answer = peerClient.forward(peer, ctx.version(), item);
    } catch (IOException e) {
      throw new KmipException(ResultReason.GENERAL_FAILURE, op.specName() + " is forwarded to " + upstream
          + ", which cannot be reached: " + e.getMessage());
    }
    if (answer.resultStatus() != ResultStatus.SUCCESS) {
      ResultReason reason = answer.resultReason() != null ? answer.resultReason() : ResultReason.GENERAL_FAILURE;
      throw new KmipException(reason, answer.resultMessage() != null ? answer.resultMessage() : reason.specName());
    }
    return answer.responsePayload();
  }

  private final class Forwarder implements OperationHandler {
    private final Operation op;

    Forwarder(Operation op) {
      this.op = op;
    }

    @Override
    public Operation operation() {
      return op;
    }

    @Override
    public Ttlv handle(Ttlv requestPayload, RequestContext ctx) {
      return forward(op, requestPayload, ctx);
    }
  }
}
