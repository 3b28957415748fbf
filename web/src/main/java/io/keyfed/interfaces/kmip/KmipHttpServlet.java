package io.keyfed.interfaces.kmip;

import io.keyfed.application.KmipEndpoint;
import io.keyfed.domain.identity.ClientIdentity;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;

/**
 * KMIP over HTTPS (KMIP 1.4 §10.2, HTTPS profile): {@code POST /kmip} with a TTLV request as
 * {@code application/octet-stream}, answered with the TTLV response. The client is identified by
 * its TLS client certificate, as on port 5696; without one the answer is 401. Oversized bodies
 * are refused before they are read (413); a malformed message gets a KMIP Invalid Message response.
 */
@WebServlet(urlPatterns = "/kmip")
public class KmipHttpServlet extends HttpServlet {

  static final String TTLV = "application/octet-stream";

  @Inject
  KmipEndpoint endpoint;

  @Inject
  KmipTlsListener listener;

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
    String type = req.getContentType();
    if (type == null || !type.toLowerCase().startsWith(TTLV)) {
      problem(resp, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "send KMIP as " + TTLV + " (TTLV)");
      return;
    }
    int max = endpoint.reader().limits().maxMessageBytes();
    long declared = req.getContentLengthLong();
    if (declared > max) {
      problem(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "message larger than " + max + " bytes");
      return;
    }
    ClientIdentity client = ClientIdentity.fromSubject(certs[0].getSubjectX500Principal().getName(), "https");
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(max + 1);
    }
    if (body.length > max) {
      problem(resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "message larger than " + max + " bytes");
      return;
    }
    byte[] answer = endpoint.handle(body, client);
    resp.setStatus(HttpServletResponse.SC_OK);
    resp.setContentType(TTLV);
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
