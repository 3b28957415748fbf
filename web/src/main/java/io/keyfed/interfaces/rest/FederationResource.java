package io.keyfed.interfaces.rest;

import io.keyfed.application.AuditTrail;
import io.keyfed.application.federation.FederationAdmin;
import io.keyfed.application.federation.PartitionMoves;
import io.keyfed.domain.audit.AuditEvent;
import io.keyfed.domain.federation.Direction;
import io.keyfed.domain.federation.FederationException;
import io.keyfed.domain.federation.Form;
import io.keyfed.domain.federation.NameCollision;
import io.keyfed.domain.federation.NameCollisionPolicy;
import io.keyfed.domain.federation.OutboxEntry;
import io.keyfed.domain.federation.PropagationRule;
import io.keyfed.domain.federation.ServerEntity;
import io.keyfed.domain.federation.ServerRole;
import io.keyfed.kmip.spec.KmipVersion;
import io.keyfed.kmip.spec.ObjectType;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Federation administration (DESIGN.md §3): server entities, propagation rules, status per peer,
 * dead outbox entries. Reads need the admin or auditor role, changes the admin role; every change
 * is audited. A request that breaks a rule gets 400 (invalid), 404 (unknown name) or 409 (name
 * taken, still in use) with a problem body naming the field.
 */
@Path("federation")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "federation", description = "Server entities, propagation rules, delivery status")
public class FederationResource {

  @Inject
  FederationAdmin admin;

  @Inject
  AuditTrail audit;

  @Inject
  io.keyfed.application.federation.InboundQueue inbound;

  @Context
  SecurityContext security;

  // ---- servers -------------------------------------------------------------------------------

  @GET
  @Path("servers")
  @Operation(summary = "The server entities this server knows")
  public JsonArray servers() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder out = Json.createArrayBuilder();
    admin.servers().forEach(s -> out.add(server(s)));
    return out.build();
  }

  @POST
  @Path("servers")
  @Operation(summary = "Register a peer server: name, roles, host, kmipPort, certificate (PEM: its own, or its CA with certificateName)")
  public Response addServer(JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    return run("Add Server", text(body, "name", true), () -> {
      ServerEntity s = admin.addServer(text(body, "name", true), roles(body), text(body, "host", true),
          integer(body, "kmipPort", true).intValue(), text(body, "certificate", true), text(body, "certificateName", false),
          kmipVersion(body), nameCollision(body));
      return Response.status(201).entity(server(s)).build();
    });
  }

  @GET
  @Path("servers/{name}")
  @Operation(summary = "One server entity with its delivery status")
  public Response server(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    return run(null, name, () -> Response.ok(status(admin.status(name))).build());
  }

  @GET
  @Path("servers/{name}/status")
  @Operation(summary = "Delivery status of a peer: last contact, outbox depth, lag in objects and seconds, last error")
  public Response status(@PathParam("name") String name) {
    return server(name);
  }

  @PUT
  @Path("servers/{name}")
  @Operation(summary = "Change how a peer is reached or recognised")
  public Response updateServer(@PathParam("name") String name, JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    return run("Update Server", name, () -> Response.ok(server(admin.updateServer(name, roles(body), text(body, "host", true),
        integer(body, "kmipPort", true).intValue(), text(body, "certificate", true), text(body, "certificateName", false),
        kmipVersion(body), nameCollision(body)))).build());
  }

  @DELETE
  @Path("servers/{name}")
  @Operation(summary = "Forget a peer (refused while rules name it)")
  public Response removeServer(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN);
    return run("Remove Server", name, () -> {
      admin.removeServer(name);
      return Response.noContent().build();
    });
  }

  // ---- rules ---------------------------------------------------------------------------------

  @GET
  @Path("rules")
  @Operation(summary = "The propagation rules")
  public JsonArray rules() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder out = Json.createArrayBuilder();
    admin.rules().forEach(r -> out.add(rule(r)));
    return out.build();
  }

  @POST
  @Path("rules")
  @Operation(summary = "Define a rule: name, target, selector, direction, form, leaseSeconds, usageAllocation, targetOwner")
  public Response addRule(JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    return run("Add Rule", text(body, "name", true), () -> Response.status(201).entity(rule(admin.addRule(text(body, "name", true),
        text(body, "target", true), selector(body), direction(body), form(body), longValue(body, "leaseSeconds"),
        longValue(body, "usageAllocation"), text(body, "targetOwner", false)))).build());
  }

  @GET
  @Path("rules/{name}")
  public Response rule(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    return run(null, name, () -> Response.ok(rule(admin.rule(name))).build());
  }

  @PUT
  @Path("rules/{name}")
  @Operation(summary = "Change a rule (its target stays)")
  public Response updateRule(@PathParam("name") String name, JsonObject body) {
    Roles.require(security, Roles.ADMIN);
    return run("Update Rule", name, () -> Response.ok(rule(admin.updateRule(name, selector(body), direction(body), form(body),
        longValue(body, "leaseSeconds"), longValue(body, "usageAllocation"), text(body, "targetOwner", false)))).build());
  }

  @POST
  @Path("rules/{name}/pause")
  @Operation(summary = "Pause a rule: it selects nothing new")
  public Response pause(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN);
    return run("Pause Rule", name, () -> Response.ok(rule(admin.pause(name))).build());
  }

  @POST
  @Path("rules/{name}/resume")
  @Operation(summary = "Resume a rule (and send what it selects)")
  public Response resume(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN);
    return run("Resume Rule", name, () -> Response.ok(rule(admin.resume(name))).build());
  }

  @DELETE
  @Path("rules/{name}")
  public Response removeRule(@PathParam("name") String name) {
    Roles.require(security, Roles.ADMIN);
    return run("Remove Rule", name, () -> {
      admin.removeRule(name);
      return Response.noContent().build();
    });
  }

  // ---- Name collisions -----------------------------------------------------------------------

  @GET
  @Path("collisions")
  @Operation(summary = "Name collisions met with peers' objects and how each peering's policy resolved them, newest first")
  public Response collisions(@QueryParam("server") String server, @QueryParam("max") @DefaultValue("1000") int max) {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    return run(null, server, () -> {
      if (max < 1 || max > 100_000) {
        throw FederationException.invalid("max must be between 1 and 100000");
      }
      JsonArrayBuilder out = Json.createArrayBuilder();
      for (NameCollision c : admin.collisions(server, max)) {
        out.add(Json.createObjectBuilder().add("id", c.id()).add("at", c.at().toString()).add("server", c.peer())
            .add("name", c.nameValue()).add("incomingObject", c.incomingUniqueIdentifier())
            .add("localObject", c.localUniqueIdentifier()).add("policy", c.policy().name()).add("outcome", c.outcome()));
      }
      return Response.ok(out.build()).build();
    });
  }

  // ---- dead letters --------------------------------------------------------------------------

  @GET
  @Path("dead-letters")
  @Operation(summary = "Outbox entries set aside after too many failed deliveries")
  public JsonArray deadLetters() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (OutboxEntry e : admin.deadEntries()) {
      JsonObjectBuilder o = Json.createObjectBuilder().add("id", e.id()).add("object", e.uniqueIdentifier())
          .add("kind", e.kind().name()).add("attempts", e.attempts()).add("createdAt", e.createdAt().toString());
      if (e.lastError() != null) {
        o.add("lastError", e.lastError());
      }
      out.add(o);
    }
    return out.build();
  }

  @GET
  @Path("inbound-dead-letters")
  @Operation(summary = "Peers' Put and Notify messages that could not be applied, in the broker's dead-letter queue")
  public JsonArray inboundDeadLetters() {
    Roles.require(security, Roles.ADMIN, Roles.AUDITOR);
    JsonArrayBuilder out = Json.createArrayBuilder();
    for (io.keyfed.application.federation.InboundQueue.DeadChange d : inbound.deadChanges(1000)) {
      JsonObjectBuilder o = Json.createObjectBuilder().add("messageId", d.messageId()).add("origin", d.origin())
          .add("kind", d.kind()).add("queuedAt", d.queuedAt().toString());
      if (d.uniqueIdentifier() != null) {
        o.add("object", d.uniqueIdentifier());
      }
      if (d.cause() != null) {
        o.add("cause", d.cause().length() > 2000 ? d.cause().substring(0, 2000) : d.cause());
      }
      out.add(o);
    }
    return out.build();
  }

  @POST
  @Path("dead-letters/{id}/retry")
  public Response retry(@PathParam("id") long id) {
    Roles.require(security, Roles.ADMIN);
    return run("Retry Delivery", String.valueOf(id), () -> {
      admin.retry(id);
      return Response.accepted().build();
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Response run(String action, String subject, Supplier<Response> body) {
    try {
      Response r = body.get();
      if (action != null) {
        audited(action, subject, "Success");
      }
      return r;
    } catch (RuntimeException e) {
      FederationException f = federationCause(e);
      if (f == null) {
        throw e;
      }
      if (action != null) {
        audited(action, subject, "Refused");
      }
      return switch (f.kind()) {
        case INVALID -> Problem.response(400, "Bad Request", f.getMessage());
        case NOT_FOUND -> Problem.response(404, "Not Found", f.getMessage());
        case CONFLICT -> Problem.response(409, "Conflict", f.getMessage());
      };
    }
  }

  private static FederationException federationCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof FederationException f) {
        return f;
      }
      if (c instanceof EJBException ejb && ejb.getCausedByException() instanceof FederationException f) {
        return f;
      }
    }
    return null;
  }

  private void audited(String action, String subject, String result) {
    audit.record(new AuditEvent(Instant.now(), Roles.who(security), "admin", action, subject, result, null));
  }

  private static String text(JsonObject body, String field, boolean required) {
    if (body == null) {
      throw FederationException.invalid("a JSON object body is required");
    }
    JsonValue v = body.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw FederationException.invalid("field '" + field + "' is required");
      }
      return null;
    }
    if (!(v instanceof JsonString s)) {
      throw FederationException.invalid("field '" + field + "' must be a string");
    }
    return s.getString();
  }

  private static Long integer(JsonObject body, String field, boolean required) {
    JsonValue v = body == null ? null : body.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw FederationException.invalid("field '" + field + "' is required");
      }
      return null;
    }
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw FederationException.invalid("field '" + field + "' must be an integer");
    }
    return n.longValueExact();
  }

  private static Long longValue(JsonObject body, String field) {
    return integer(body, field, false);
  }

  private static Set<ServerRole> roles(JsonObject body) {
    JsonValue v = body == null ? null : body.get("roles");
    if (!(v instanceof JsonArray a) || a.isEmpty()) {
      throw FederationException.invalid("field 'roles' must be a non-empty array of " + EnumSet.allOf(ServerRole.class));
    }
    Set<ServerRole> out = EnumSet.noneOf(ServerRole.class);
    for (JsonValue r : a) {
      out.add(enumOf(ServerRole.class, r instanceof JsonString s ? s.getString() : null, "roles"));
    }
    return out;
  }

  private static PropagationRule.Selector selector(JsonObject body) {
    JsonValue v = body == null ? null : body.get("selector");
    if (!(v instanceof JsonObject s)) {
      throw FederationException.invalid("field 'selector' must be an object (objectGroup, namePattern, objectType, attributeName, attributeValue)");
    }
    String type = text(s, "objectType", false);
    return new PropagationRule.Selector(text(s, "objectGroup", false), text(s, "namePattern", false),
        type == null ? null : objectType(type), text(s, "attributeName", false), text(s, "attributeValue", false));
  }

  private static ObjectType objectType(String s) {
    ObjectType t = ObjectType.fromXmlName(s);
    if (t == null) {
      try {
        t = ObjectType.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw FederationException.invalid("selector.objectType '" + s + "' is not a KMIP Object Type (e.g. SymmetricKey)");
      }
    }
    return t;
  }

  private static Direction direction(JsonObject body) {
    return enumOf(Direction.class, text(body, "direction", true), "direction");
  }

  private static Form form(JsonObject body) {
    String f = text(body, "form", false);
    return f == null ? Form.PLAIN : enumOf(Form.class, f, "form");
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value == null ? "" : value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw FederationException.invalid("field '" + field + "' must be one of " + EnumSet.allOf(type));
    }
  }

  private static KmipVersion kmipVersion(JsonObject body) {
    String v = text(body, "kmipVersion", false);
    if (v == null) {
      return null;
    }
    KmipVersion parsed = KmipVersion.parse(v);
    if (parsed == null) {
      throw FederationException.invalid("field 'kmipVersion' must be a KMIP version, 1.0 to 2.1");
    }
    return parsed; // ServerEntity.peering refuses the versions a peer cannot be spoken to in
  }

  private static NameCollisionPolicy nameCollision(JsonObject body) {
    String p = text(body, "nameCollision", false);
    return p == null ? null : enumOf(NameCollisionPolicy.class, p, "nameCollision");
  }

  static JsonObject server(ServerEntity s) {
    JsonArrayBuilder roles = Json.createArrayBuilder();
    s.roles().forEach(r -> roles.add(r.name()));
    JsonObjectBuilder o = Json.createObjectBuilder().add("name", s.name()).add("roles", roles).add("host", s.host())
        .add("kmipPort", s.kmipPort()).add("certificateName", s.certificateName()).add("delivered", s.delivered())
        .add("kmipVersion", s.kmipVersion().label()).add("nameCollision", s.nameCollision().name());
    if (s.lastContact() != null) {
      o.add("lastContact", s.lastContact().toString());
    }
    if (s.lastError() != null) {
      o.add("lastError", s.lastError()).add("lastErrorAt", s.lastErrorAt().toString());
    }
    return o.build();
  }

  static JsonObject status(FederationAdmin.PeerStatus st) {
    JsonObjectBuilder o = Json.createObjectBuilder(server(st.server()));
    o.add("outboxDepth", st.outboxDepth()).add("lagObjects", st.outboxDepth()).add("lagSeconds", st.lag().toMillis() / 1000.0)
        .add("deadEntries", st.deadEntries());
    return o.build();
  }

  /** A rule as JSON; a MOVE rule with its progress ({@code move}). */
  JsonObject rule(PropagationRule r) {
    JsonObject base = ruleJson(r);
    PartitionMoves.Progress p = admin.progress(r);
    if (p == null) {
      return base;
    }
    JsonObjectBuilder move = Json.createObjectBuilder().add("moved", p.moved()).add("left", p.left()).add("total", p.total())
        .add("counting", p.counting()).add("complete", p.left() == 0 && !p.counting())
        .add("startedAt", p.started().toString()).add("objectsPerSecond", Math.round(p.perSecond() * 10) / 10.0);
    if (p.estimatedLeft() != null) {
      move.add("estimatedSecondsLeft", p.estimatedLeft().toSeconds());
    }
    return Json.createObjectBuilder(base).add("move", move).build();
  }

  static JsonObject ruleJson(PropagationRule r) {
    PropagationRule.Selector s = r.selector();
    JsonObjectBuilder sel = Json.createObjectBuilder();
    if (s.objectGroup() != null) {
      sel.add("objectGroup", s.objectGroup());
    }
    if (s.namePattern() != null) {
      sel.add("namePattern", s.namePattern());
    }
    if (s.objectType() != null) {
      sel.add("objectType", s.objectType().xmlName());
    }
    if (s.attributeName() != null) {
      sel.add("attributeName", s.attributeName()).add("attributeValue", s.attributeValue());
    }
    JsonObjectBuilder o = Json.createObjectBuilder().add("name", r.name()).add("target", r.target().name()).add("selector", sel)
        .add("direction", r.direction().name()).add("form", r.form().name()).add("paused", r.paused());
    if (r.leaseSeconds() != null) {
      o.add("leaseSeconds", r.leaseSeconds());
    }
    if (r.usageAllocation() != null) {
      o.add("usageAllocation", r.usageAllocation());
    }
    if (r.targetOwner() != null) {
      o.add("targetOwner", r.targetOwner());
    }
    return o.build();
  }
}
