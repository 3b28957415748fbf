package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.ResponseBatchItem;
import java.io.IOException;
import java.util.List;

/**
 * Port: one KMIP operation sent to a peer server, this server acting as the peer's KMIP client
 * over mutual TLS with its own server certificate. The adapter (infrastructure) owns sockets,
 * TLS and connection reuse.
 *
 * @throws IOException when the peer cannot be reached or the exchange breaks
 * @throws io.keyfed.kmip.message.KmipException when the peer answers with a failure
 */
public interface PeerClient {

  Ttlv call(ServerEntity peer, Operation operation, Ttlv requestPayload) throws IOException;

  /**
   * Several operations in one request message, in order, all or none (Batch Error Continuation
   * Option Undo: the peer applies them in one transaction and, should one fail, undoes the others).
   * One round trip and one commit at the peer instead of one each: the outbox delivers this way.
   *
   * @return the peer's answer for each item, in order (after a failure: Operation Undone before it,
   *     nothing after it)
   * @throws IOException when the peer cannot be reached or the exchange breaks
   */
  List<ResponseBatchItem> callAll(ServerEntity peer, List<RequestBatchItem> items) throws IOException;

  /**
   * One batch item sent as it is, in a request message of {@code version} (a gateway forwarding a
   * client's operation in the client's own version), answered by the peer's batch item, failure
   * or not.
   *
   * @throws IOException when the peer cannot be reached or the exchange breaks
   */
  ResponseBatchItem forward(ServerEntity peer, io.keyfed.kmip.spec.KmipVersion version, RequestBatchItem item) throws IOException;
}
