package io.keyfed.interfaces.kmip;

import io.keyfed.application.KmipEndpoint;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.json.KmipJson;
import io.keyfed.kmip.spec.ResultReason;
import io.keyfed.kmip.text.KmipTextException;
import io.keyfed.kmip.ttlv.Ttlv;
import io.keyfed.kmip.xml.KmipXml;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * KMIP over HTTPS (KMIP 1.4 §10.2, HTTPS profile): {@code POST /kmip}, answered in the encoding it
 * was sent in — TTLV as {@code application/octet-stream}, the KMIP XML encoding as
 * {@code text/xml} (or {@code application/xml}), the KMIP JSON encoding as
 * {@code application/json} (the XML and JSON profiles; the encodings of the OASIS test cases).
 * The client is identified by its TLS client certificate, as on port 5696; without one the
 * answer is 401. Oversized bodies are refused before they are read (413); a malformed message
 * gets a KMIP response with Result Reason Invalid Message in the request's encoding.
 *
 * <p>XML is read by {@link KmipXml}: a document type declaration is refused before anything is
 * declared, so external entities are never fetched and entities never expanded.
 */
@WebServlet(urlPatterns = "/kmip")
public class KmipHttpServlet extends HttpServlet {

  static final String TTLV = "application/octet-stream";
  static final String XML = "text/xml";
  static final String JSON = "application/json";

  /** Text encodings are several times longer than TTLV: a text body may be this many times the TTLV limit. */
  static final int TEXT_EXPANSION = 8;

  @Inject
  KmipEndpoint endpoint;

  @Inject
  KmipTlsListener listener;

  private KmipXml xml;
  private KmipJson json;

  private enum Encoding { TTLV, XML, JSON }

  @PostConstruct
  void createCodecs() {
    int maxDepth = endpoint.reader().limits().maxDepth();
    int maxChars = textLimit();
    xml = new KmipXml(maxChars, maxDepth);
    json = new KmipJson(maxChars, maxDepth);
  }

  private int textLimit() {
    long l = (long) endpoint.reader().limits().maxMessageBytes() * TEXT_EXPANSION;
    return (int) Math.min(Integer.MAX_VALUE - 16, l);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    X509Certificate[] certs = (X509Certificate[]) req.getAttribute("jakarta.servlet.request.X509Certificate");
    if (certs == null || certs.length == 0) {
      problem(resp, HttpServletResponse.SC_UNAUTHORIZED, "a TLS client certificate is required for KMIP over HTTPS");
      return;
    }
    if (listener.denied(certs[0])) {
      problem(resp, HttpServletResponse.SC_FORBIDDEN, "this client certificate is on the deny-list");
      return;
    }
    Encoding encoding = encodingOf(req.getContentType());
    if (encoding == null) {
      problem(resp, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
          "send KMIP as " + TTLV + " (TTLV), " + XML + " (KMIP XML) or " + JSON + " (KMIP JSON)");
      return;
    }
    int max = encoding == Encoding.TTLV ? endpoint.reader().limits().maxMessageBytes() : textLimit();
    long declared = req.getContentLengthLong();
    if (declared > max) {
      problem(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "message larger than " + max + " bytes");
      return;
    }
    ClientIdentity client = ClientIdentity.fromCertificate(certs[0], "https");
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(max + 1);
    }
    if (body.length > max) {
      problem(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "message larger than " + max + " bytes");
      return;
    }
    switch (encoding) {
      case TTLV -> send(resp, TTLV, endpoint.handle(body, client));
      case XML, JSON -> {
        Ttlv answer;
        try {
          String text = utf8(body);
          Ttlv request = encoding == Encoding.XML ? xml.read(text) : json.read(text);
          answer = endpoint.handleTree(request, client);
        } catch (KmipTextException | CharacterCodingException e) {
          answer = endpoint.errorTree(ResultReason.INVALID_MESSAGE,
              "malformed " + (encoding == Encoding.XML ? "KMIP XML" : "KMIP JSON") + ": " + e.getMessage());
        }
        String out = encoding == Encoding.XML ? xml.write(answer) : json.write(answer);
        send(resp, (encoding == Encoding.XML ? XML : JSON) + ";charset=UTF-8", out.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static Encoding encodingOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    t = (semi < 0 ? t : t.substring(0, semi)).trim();
    return switch (t) {
      case TTLV -> Encoding.TTLV;
      case XML, "application/xml" -> Encoding.XML;
      case JSON -> Encoding.JSON;
      default -> null;
    };
  }

  private static String utf8(byte[] body) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
  }

  private static void send(HttpServletResponse resp, String type, byte[] answer) throws IOException {
    resp.setStatus(HttpServletResponse.SC_OK);
    resp.setContentType(type);
    resp.setContentLength(answer.length);
    resp.getOutputStream().write(answer);
  }

  private static void problem(HttpServletResponse resp, int status, String detail) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/problem+json");
    resp.getWriter().write("{\"status\":" + status + ",\"title\":\"" + (status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Bad request")
        + "\",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
  }
}
