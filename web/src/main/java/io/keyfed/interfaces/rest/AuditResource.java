package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditQueries;
import io.keyfed.domain.audit.AuditEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/audit?object=UID&limit=N}: the audit trail, newest first (or one object's
 * history, oldest first). Admins and auditors.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

  @Inject
  AuditQueries audit;

  @Context
  SecurityContext security;

  @GET
  public JsonArray list(@QueryParam("object") String object, @QueryParam("limit") @DefaultValue("100") int limit) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    if (limit < 1 || limit > 10_000) {
      throw new BadRequestException("limit must be between 1 and 10000");
    }
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (AuditEvent e : object == null ? audit.latest(limit) : audit.ofObject(object, limit)) {
      JsonObjectBuilder o = Json.createObjectBuilder()
          .add("at", e.at().toString())
          .add("actor", e.actor())
          .add("action", e.action())
          .add("result", e.result());
      if (e.channel() != null) {
        o.add("channel", e.channel());
      }
      if (e.uniqueIdentifier() != null) {
        o.add("object", e.uniqueIdentifier());
      }
      if (e.reason() != null) {
        o.add("reason", e.reason());
      }
      out.add(o);
    }
    return out.build();
  }
}
