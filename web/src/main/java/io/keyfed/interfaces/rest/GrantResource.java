package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditTrail;
import io.keyfed.application.identity.AccessAdmin;
import io.keyfed.domain.identity.AccessException;
import io.keyfed.domain.identity.AccessGrant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Grants: KMIP operations on one object (uniqueIdentifier) or on an owner's objects in an Object
 * Group (owner and objectGroup) opened to another identity (grantee). Objects belong to their
 * owners; an administrator grants on their behalf, so the owner is not asked. Reads need admin or auditor,
 * changes admin; every change is audited.
 */
@Path("grants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "grants", description = "Operations on objects or object groups granted to other identities")
public class GrantResource {

  @Inject
  AccessAdmin admin;

  @Inject
  AuditTrail audit;

  @Context
  SecurityContext security;

  @GET
  @Operation(summary = "Every grant")
  public JsonArray grants() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder out = Json.createArrayBuilder();
    admin.grants().forEach(g -> out.add(grant(g)));
    return out.build();
  }

  @POST
  @Operation(summary = "Grant: {\"grantee\":\"bob\",\"owner\":\"alice\",\"objectGroup\":\"g\" or \"uniqueIdentifier\":\"...\",\"operations\":[\"Get\",\"Locate\"]}")
  public Response add(JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    String grantee = body == null ? null : body.get("grantee") instanceof JsonString s ? s.getString() : null;
    return AccessProblems.run(audit, security, "Add Grant", grantee, () -> {
      AccessGrant g = admin.grant(required(body, "grantee"), AccessProblems.text(body, "owner"),
          AccessProblems.text(body, "uniqueIdentifier"),
          AccessProblems.text(body, "objectGroup"), operations(body), Roles.who(security));
      return Response.status(201).entity(grant(g)).build();
    });
  }

  @DELETE
  @Path("{id}")
  @Operation(summary = "Withdraw a grant")
  public Response remove(@PathParam("id") String id) {
    Roles.require(security, Roles.ADMIN);
    return AccessProblems.run(audit, security, "Remove Grant", id, () -> {
      long n;
      try {
        n = Long.parseLong(id);
      } catch (NumberFormatException e) {
        throw AccessException.notFound("no grant " + id);
      }
      admin.revoke(n);
      return Response.noContent().build();
    });
  }

  private static String required(JsonObject body, String field) {
    String s = AccessProblems.text(body, field);
    if (s == null) {
      throw AccessException.invalid("field '" + field + "' is required");
    }
    return s;
  }

  private static List<String> operations(JsonObject body) {
    JsonValue v = AccessProblems.body(body).get("operations");
    if (!(v instanceof JsonArray a) || a.isEmpty()) {
      throw AccessException.invalid("field 'operations' must be a non-empty array of KMIP operation names");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue o : a) {
      if (!(o instanceof JsonString s)) {
        throw AccessException.invalid("field 'operations': " + o + " is not a KMIP operation name");
      }
      out.add(s.getString());
    }
    return out;
  }

  static JsonObject grant(AccessGrant g) {
    JsonArrayBuilder ops = Json.createArrayBuilder();
    g.operations().forEach(ops::add);
    JsonObjectBuilder o = Json.createObjectBuilder().add("id", g.id()).add("grantee", g.grantee())
        .add("owner", g.owner());
    if (g.uniqueIdentifier() != null) {
      o.add("uniqueIdentifier", g.uniqueIdentifier());
    }
    if (g.objectGroup() != null) {
      o.add("objectGroup", g.objectGroup());
    }
    return o.add("operations", ops).add("grantedBy", g.grantedBy()).add("grantedAt", g.grantedAt().toString()).build();
  }
}
