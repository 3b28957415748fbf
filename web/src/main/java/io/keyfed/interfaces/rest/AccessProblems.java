package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditTrail;
import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.identity.AccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What the identity and grant resources share: running a use case, auditing a change (Success or
 * Refused), and answering an {@link AccessException} with 400 or 404 and a problem body.
 */
final class AccessProblems {

  private AccessProblems() {}

  static Response run(AuditTrail audit, SecurityContext security, String action, String subject, Supplier<Response> body) {
    try {
      Response r = body.get();
      if (action != null) {
        audited(audit, security, action, subject, "Success");
      }
      return r;
    } catch (RuntimeException e) {
      AccessException a = cause(e);
      if (a == null) {
        throw e;
      }
      if (action != null) {
        audited(audit, security, action, subject, "Refused");
      }
      return switch (a.kind()) {
        case INVALID -> Problem.response(400, "Bad Request", a.getMessage());
        case NOT_FOUND -> Problem.response(404, "Not Found", a.getMessage());
      };
    }
  }

  private static AccessException cause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof AccessException a) {
        return a;
      }
      if (c instanceof EJBException ejb && ejb.getCausedByException() instanceof AccessException a) {
        return a;
      }
    }
    return null;
  }

  private static void audited(AuditTrail audit, SecurityContext security, String action, String subject, String result) {
    audit.record(new AuditEvent(Instant.now(), Roles.who(security), "admin", action, subject, result, null));
  }

  static JsonObject body(JsonObject body) {
    if (body == null) {
      throw AccessException.invalid("a JSON object body is required");
    }
    return body;
  }

  static String text(JsonObject body, String field) {
    JsonValue v = body(body).get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw AccessException.invalid("field '" + field + "' must be a string");
    }
    return s.getString();
  }
}
