package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditTrail;
import io.keyfed.application.MasterKeyRotation;
import io.keyfed.domain.audit.AuditEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Map;

/**
 * The master keys (never their values): {@code GET /api/master-key} status (admin, auditor);
 * {@code POST /api/master-key/rotate} new current key and re-seal everything (admin);
 * {@code POST /api/master-key/rewrap} resume re-sealing (admin);
 * {@code DELETE /api/master-key/{id}} retire a previous key no object uses (admin).
 */
@Path("master-key")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MasterKeyResource {

  @Inject
  MasterKeyRotation rotation;

  @Inject
  AuditTrail audit;

  @Context
  SecurityContext security;

  @GET
  public JsonObject status() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    return json(rotation.status());
  }

  @POST
  @Path("rotate")
  public Response rotate() throws Exception {
    Roles.require(security, Roles.ADMIN);
    try {
      MasterKeyRotation.Status s = rotation.rotate();
      audited("Rotate Master Key", s.currentKeyId(), "Success");
      return Response.accepted(json(s)).build();
    } catch (IllegalStateException e) {
      audited("Rotate Master Key", null, "Refused");
      return Problem.response(409, "Conflict", e.getMessage());
    }
  }

  @POST
  @Path("rewrap")
  public Response rewrap() {
    Roles.require(security, Roles.ADMIN);
    MasterKeyRotation.Status s = rotation.startRewrap();
    audited("Re-seal Objects", s.currentKeyId(), "Success");
    return Response.accepted(json(s)).build();
  }

  @DELETE
  @Path("{id}")
  public Response retire(@PathParam("id") String id) throws Exception {
    Roles.require(security, Roles.ADMIN);
    try {
      MasterKeyRotation.Status s = rotation.retire(id);
      audited("Retire Master Key", id, "Success");
      return Response.ok(json(s)).build();
    } catch (IllegalStateException e) {
      audited("Retire Master Key", id, "Refused");
      return Problem.response(409, "Conflict", e.getMessage());
    } catch (IllegalArgumentException e) {
      return Problem.response(404, "Not Found", e.getMessage());
    }
  }

  private void audited(String action, String subject, String result) {
    audit.record(new AuditEvent(Instant.now(), Roles.who(security), "admin", action, subject, result, null));
  }

  static JsonObject json(MasterKeyRotation.Status s) {
    JsonArrayBuilder ids = Json.createArrayBuilder();
    s.loadedKeyIds().forEach(ids::add);
    JsonObjectBuilder by = Json.createObjectBuilder();
    for (Map.Entry<String, Long> e : s.objectsByKey().entrySet()) {
      by.add(e.getKey(), e.getValue());
    }
    JsonObjectBuilder o = Json.createObjectBuilder()
        .add("currentKey", s.currentKeyId())
        .add("loadedKeys", ids)
        .add("objectsByKey", by)
        .add("rewrapRunning", s.rewrapRunning())
        .add("resealedByLastRun", s.resealedByThisRun());
    if (s.startedAt() != null) {
      o.add("startedAt", s.startedAt().toString());
    }
    if (s.finishedAt() != null) {
      o.add("finishedAt", s.finishedAt().toString());
    }
    if (s.lastError() != null) {
      o.add("lastError", s.lastError());
    }
    return o.build();
  }
}
