package io.keyfed.application;

import io.keyfed.application.federation.OnBehalfOf;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseHeader;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Bytes in, bytes out: the one entry point that every transport (TLS listener, HTTPS) calls.
 * Decodes the request, runs it, encodes the response. It never throws: input that cannot be
 * decoded gets a response with Result Reason Invalid Message (KMIP 1.4 §11), in the request's
 * protocol version when that much could be read, else 1.0.
 */
@ApplicationScoped
public class KmipEndpoint {

  private static final Logger LOG = Logger.getLogger(KmipEndpoint.class.getName());

  @Inject
  KmipService service;

  @Inject
  KeyfedConfig config;

  @Inject
  RequestRateLimiter rateLimiter;

  @Inject
  KmipCredentials credentials;

  @Inject
  io.keyfed.application.federation.PeerDirectory peers;

  @Inject
  io.keyfed.application.identity.IdentityRegistry identities;

  private TtlvReader reader;

  @PostConstruct
  void init() {
    reader = new TtlvReader(config.ttlvLimits());
  }

  public TtlvReader reader() {
    return reader;
  }

  public byte[] handle(byte[] request, ClientIdentity client) {
    Ttlv tree;
    try {
      tree = reader.read(request);
    } catch (TtlvException e) {
      return errorResponse(null, e.resultReason(), "malformed TTLV: " + e.getMessage());
    }
    return handle(tree, client);
  }

  /** For transports that decode another encoding (XML, JSON) to the tree first. */
  public byte[] handle(Ttlv tree, ClientIdentity client) {
    return TtlvWriter.encode(handleTree(tree, client));
  }

  public Ttlv handleTree(Ttlv tree, ClientIdentity client) {
    RequestMessage request;
    try {
      request = RequestMessage.decode(tree);
    } catch (KmipException e) {
      return errorTree(versionOf(tree), e.resultReason(), e.getMessage());
    }
    // A federation peer acts as itself (its server entity's name, channel "peer"), never as a client.
    io.keyfed.domain.federation.ServerEntity peer = peers == null ? null : peers.peerOf(client);
    if (peer != null) {
      String behalf = onBehalfOf(peer, request);
      client = behalf != null
          // A gateway forwarding its client's operation: it runs as that client (use case 5).
          ? new ClientIdentity(behalf, "CN=" + behalf, gatewayChannel(peer), null)
          : new ClientIdentity(peer.name(), client.subject(), ObjectAccess.PEER, client.certificate());
    }
    String refused = credentials == null ? null : credentials.refusal(request.header().authentication());
    if (refused != null) {
      return refuseAll(request, ResultReason.AUTHENTICATION_NOT_SUCCESSFUL, refused);
    }
    int items = request.batchItems().size();
    if (items > config.maxBatchItems()) {
      return refuseAll(request, ResultReason.INVALID_MESSAGE, "more than " + config.maxBatchItems() + " batch items in one request");
    }
    if (!rateLimiter.tryAcquire(client.name(), items)) {
      return refuseAll(request, ResultReason.SERVER_LIMIT_EXCEEDED,
          "request rate limit of " + config.requestRatePerIdentity() + " operations per second exceeded; retry later");
    }
    if (identities != null) {
      client = identities.recognise(client, Instant.now());
    }
    try {
      return service.execute(request, client).encode();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "request failed outside any batch item", e);
      return errorTree(request.header().protocolVersion(), ResultReason.GENERAL_FAILURE, "internal error");
    }
  }

  /**
   * The client a peer registered as a GATEWAY names in the request ({@link OnBehalfOf}), or null.
   * A gateway forwards one item at a time; a request whose items name different clients, or some
   * none, names nobody and runs as the gateway itself.
   */
  static String onBehalfOf(io.keyfed.domain.federation.ServerEntity peer, RequestMessage request) {
    if (!peer.roles().contains(io.keyfed.domain.federation.ServerRole.GATEWAY) || request.batchItems().isEmpty()) {
      return null;
    }
    String name = OnBehalfOf.clientOf(request.batchItems().get(0).messageExtension());
    for (io.keyfed.kmip.message.RequestBatchItem i : request.batchItems()) {
      if (name == null || !name.equals(OnBehalfOf.clientOf(i.messageExtension()))) {
        return null;
      }
    }
    return name;
  }

  /** The audit channel of an operation forwarded by a gateway: "via " and the gateway's name. */
  private static String gatewayChannel(io.keyfed.domain.federation.ServerEntity peer) {
    String c = "via " + peer.name();
    return c.length() > 32 ? c.substring(0, 32) : c;
  }

  /** Every item of a request refused for the same reason, in the request's version. */
  private static Ttlv refuseAll(RequestMessage request, ResultReason reason, String message) {
    ProtocolVersion v = request.header().protocolVersion();
    KmipVersion known = v.known() != null ? v.known() : KmipVersion.V1_0;
    List<ResponseBatchItem> out = new java.util.ArrayList<>();
    for (io.keyfed.kmip.message.RequestBatchItem i : request.batchItems()) {
      out.add(ResponseBatchItem.failure(i.operation(), i.uniqueBatchItemId(), ResultReasons.forVersion(reason, known), message));
    }
    return new ResponseMessage(new ResponseHeader(v.known() != null ? v : ProtocolVersion.of(KmipVersion.V1_0),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), request.header().clientCorrelationValue(), null, out.size()), out).encode();
  }

  /** A whole response, as a tree, for a request in another encoding (XML, JSON) that could not be read. */
  public Ttlv errorTree(ResultReason reason, String message) {
    return errorTree((ProtocolVersion) null, reason, message);
  }

  /** A whole response for a request that could not be read. */
  public byte[] errorResponse(ProtocolVersion v, ResultReason reason, String message) {
    return TtlvWriter.encode(errorTree(v, reason, message));
  }

  private static Ttlv errorTree(ProtocolVersion v, ResultReason reason, String message) {
    ProtocolVersion version = v != null && v.known() != null ? v : ProtocolVersion.of(KmipVersion.V1_0);
    ResponseMessage r = new ResponseMessage(
        new ResponseHeader(version, Instant.now().truncatedTo(ChronoUnit.SECONDS), null, null, 1),
        List.of(ResponseBatchItem.failure(null, null, ResultReasons.forVersion(reason, version.known()), message)));
    return r.encode();
  }

  /** The Protocol Version of a request tree that failed to decode, when it has a readable one. */
  private static ProtocolVersion versionOf(Ttlv tree) {
    try {
      Ttlv header = tree.isStructure() ? tree.child(Tag.REQUEST_HEADER) : null;
      Ttlv pv = header != null && header.isStructure() ? header.child(Tag.PROTOCOL_VERSION) : null;
      return pv != null && pv.isStructure() ? ProtocolVersion.decode(pv) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
