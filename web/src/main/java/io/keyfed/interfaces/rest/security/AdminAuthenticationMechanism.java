package io.keyfed.interfaces.rest.security;

import io.keyfed.infrastructure.config.KeyfedConfig;
import io.keyfed.infrastructure.security.AdminUsers;
import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.interfaces.rest.Problem;
import io.keyfed.interfaces.rest.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may use the admin API. First a TLS client certificate (already verified by the HTTPS
 * listener against the trusted CAs): its Common Name gets the roles configured for it
 * ({@code keyfed.admin.certificate-admins}, default {@code admin}, the first client certificate
 * the server generates; {@code keyfed.admin.certificate-auditors}). Otherwise HTTP Basic against
 * the password file ({@code keyfed.admin.users-file}), re-read when it changes. A request under
 * {@code /api} with neither gets 401; one with valid credentials but no role gets 403. Both
 * answers are problem bodies, not HTML error pages.
 */
@ApplicationScoped
public class AdminAuthenticationMechanism implements HttpAuthenticationMechanism {

  private static final Logger LOG = Logger.getLogger(AdminAuthenticationMechanism.class.getName());

  @Inject
  KeyfedConfig config;

  @Inject
  io.keyfed.interfaces.kmip.KmipTlsListener listener;

  private volatile AdminUsers users;
  private volatile long usersStamp = Long.MIN_VALUE;

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest req, HttpServletResponse resp, HttpMessageContext ctx) {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if (!path.equals("/api") && !path.startsWith("/api/")) {
      return ctx.doNothing();
    }
    X509Certificate[] certs = (X509Certificate[]) req.getAttribute("jakarta.servlet.request.X509Certificate");
    if (certs != null && certs.length > 0 && listener.denied(certs[0])) {
      return refuse(resp, 403, "Forbidden", "this client certificate is on the deny-list");
    }
    if (certs != null && certs.length > 0) {
      String cn = ClientIdentity.commonNameOf(certs[0].getSubjectX500Principal().getName());
      Set<String> roles = new HashSet<>();
      if (config.certificateAdmins().contains(cn)) {
        roles.add(Roles.ADMIN);
      }
      if (config.certificateAuditors().contains(cn)) {
        roles.add(Roles.AUDITOR);
      }
      if (!roles.isEmpty()) {
        return ctx.notifyContainerAboutLogin(cn, roles);
      }
      if (req.getHeader("Authorization") == null) {
        return refuse(resp, 403, "Forbidden", "the client certificate CN=" + cn + " has no admin API role");
      }
    }
    String auth = req.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return refuse(resp, 401, "Unauthorized", "malformed Basic credentials");
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        String name = decoded.substring(0, colon);
        Set<String> roles = users().authenticate(name, decoded.substring(colon + 1).toCharArray());
        if (!roles.isEmpty()) {
          return ctx.notifyContainerAboutLogin(name, roles);
        }
      }
      return refuse(resp, 401, "Unauthorized", "wrong user name or password");
    }
    return refuse(resp, 401, "Unauthorized", "the admin API needs a client certificate or a user name and password");
  }

  private AuthenticationStatus refuse(HttpServletResponse resp, int status, String title, String detail) {
    try {
      resp.setStatus(status);
      if (status == 401) {
        resp.setHeader("WWW-Authenticate", "Basic realm=\"keyfed\", charset=\"UTF-8\"");
      }
      resp.setContentType(Problem.MEDIA_TYPE);
      resp.getWriter().write(Problem.json(status, title, detail));
      // Committed here: on SEND_FAILURE the container must not replace this answer.
      resp.flushBuffer();
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not write the refusal", e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private AdminUsers users() {
    Path file = config.adminUsersFile();
    try {
      long stamp = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
      if (users == null || stamp != usersStamp) {
        users = AdminUsers.load(file);
        usersStamp = stamp;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("cannot read the admin users file " + file + ": " + e.getMessage());
      if (users == null) {
        try {
          users = AdminUsers.load(Path.of("/nonexistent"));
        } catch (IOException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
    return users;
  }
}
