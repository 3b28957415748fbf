package io.keyfed.interfaces.rest;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The admin API's roles. {@code admin} may read and change everything; {@code auditor} may only
 * read (server status, the audit trail, federation status).
 */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String AUDITOR = "auditor";

  private Roles() {}

  /** Allows the request if the caller has one of the roles, else 403 with a problem body. */
  public static void require(SecurityContext sc, String... roles) {
    for (String r : roles) {
      if (sc.isUserInRole(r)) {
        return;
      }
    }
    throw new ForbiddenException("this needs the role " + String.join(" or ", roles));
  }

  public static String who(SecurityContext sc) {
    return sc.getUserPrincipal() == null ? "anonymous" : sc.getUserPrincipal().getName();
  }
}
