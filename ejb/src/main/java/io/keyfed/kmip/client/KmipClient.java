package io.keyfed.kmip.client;

import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.message.ProtocolVersion;
import io.keyfed.kmip.message.RequestBatchItem;
import io.keyfed.kmip.message.RequestHeader;
import io.keyfed.kmip.message.RequestMessage;
import io.keyfed.kmip.message.ResponseBatchItem;
import io.keyfed.kmip.message.ResponseMessage;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.Operation;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.ttlv.TtlvException;
import io.keyfed.kmip.ttlv.TtlvLimits;
import io.keyfed.kmip.ttlv.TtlvReader;
import io.keyfed.kmip.ttlv.TtlvWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One TLS connection to a KMIP server, one request at a time (not thread-safe: use one client per
 * thread). {@link #call} sends a single operation and returns its response payload, turning a
 * failed batch item into a {@link KmipException} with the server's Result Reason and Message.
 */
public final class KmipClient implements AutoCloseable {

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final TtlvReader reader = new TtlvReader(new TtlvLimits(64 * 1024 * 1024, 64));
  private final KmipVersion version;

  private KmipClient(SSLSocket socket, KmipVersion version) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    this.version = version;
  }

  public static KmipClient connect(String host, int port, SSLContext tls, KmipVersion version) throws IOException {
    return connect(host, port, tls, version, 30_000);
  }

  public static KmipClient connect(String host, int port, SSLContext tls, KmipVersion version, int timeoutMillis) throws IOException {
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
    try {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      s.setTcpNoDelay(true);
      s.startHandshake();
      return new KmipClient(s, version);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The certificate the server presented. */
  public java.security.cert.X509Certificate peerCertificate() throws javax.net.ssl.SSLPeerUnverifiedException {
    return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  public KmipVersion version() {
    return version;
  }

  /** Sends raw bytes and reads one whole response message (for tests of malformed input). */
  public byte[] exchangeRaw(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    return readResponse();
  }

  /** Sends a message and reads its response. */
  public ResponseMessage send(RequestMessage request) throws IOException {
    byte[] raw = exchangeRaw(TtlvWriter.encode(request.encode()));
    try {
      return ResponseMessage.decode(reader.read(raw));
    } catch (TtlvException e) {
      throw new IOException("malformed response: " + e.getMessage(), e);
    }
  }

  /** One operation in one message; the response payload, or a KmipException for a failure. */
  public Ttlv call(Operation op, Ttlv requestPayload) throws IOException {
    ResponseBatchItem item = sendBatch(List.of(new RequestBatchItem(op.value(), null, requestPayload, null))).get(0);
    if (!item.succeeded()) {
      throw new KmipException(item.resultReason() != null ? item.resultReason() : ResultReason.GENERAL_FAILURE,
          item.resultMessage() != null ? item.resultMessage() : "operation failed");
    }
    return item.responsePayload();
  }

  /** Several batch items in one message; their responses, failed or not. */
  public List<ResponseBatchItem> sendBatch(List<RequestBatchItem> items) throws IOException {
    RequestMessage req = new RequestMessage(RequestHeader.simple(ProtocolVersion.of(version), items.size()), items);
    ResponseMessage resp = send(req);
    return new ArrayList<>(resp.batchItems());
  }

  private byte[] readResponse() throws IOException {
    try {
      byte[] msg = reader.readMessageBytes(in);
      if (msg == null) {
        throw new EOFException("server closed the connection");
      }
      return msg;
    } catch (TtlvException e) {
      throw new IOException("malformed response: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
