package io.keyfed.application.federation;

import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.ttlv.Ttlv;
import java.io.IOException;

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
}
