package io.keyfed.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body ({@code application/problem+json}): every error of the admin API, so
 * that a client always learns what was wrong in a form it can parse.
 */
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

  public static String json(int status, String title, String detail) {
    JsonObjectBuilder b = Json.createObjectBuilder()
        .add("type", "about:blank")
        .add("title", title)
        .add("status", status);
    if (detail != null) {
      b.add("detail", detail);
    }
    return b.build().toString();
  }

  public static Response response(Response.StatusType status, String detail) {
    return Response.status(status.getStatusCode())
        .type(MEDIA_TYPE)
        .entity(json(status.getStatusCode(), status.getReasonPhrase(), detail))
        .build();
  }

  public static Response response(int status, String title, String detail) {
    return Response.status(status).type(MEDIA_TYPE).entity(json(status, title, detail)).build();
  }
}
