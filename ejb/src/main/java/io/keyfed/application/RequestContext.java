package io.keyfed.application;

import io.keyfed.domain.identity.ClientIdentity;
import io.keyfed.kmip.message.KmipException;
import io.keyfed.kmip.spec.KmipVersion;
import java.time.Instant;

/**
 * What a handler knows about the request it serves: who sent it, in which protocol version, the
 * time of the request (one instant for the whole batch, truncated to seconds as KMIP Date-Time
 * is), and the batch's ID Placeholder (KMIP 1.4 §4, "ID Placeholder"), which an operation that
 * creates or selects an object sets and a later batch item without a Unique Identifier uses.
 */
public final class RequestContext {

  private final ClientIdentity client;
  private final KmipVersion version;
  private final Instant now;
  private String idPlaceholder;

  public RequestContext(ClientIdentity client, KmipVersion version, Instant now) {
    this.client = client;
    this.version = version;
    this.now = now;
  }

  public ClientIdentity client() {
    return client;
  }

  public KmipVersion version() {
    return version;
  }

  public Instant now() {
    return now;
  }

  public String idPlaceholder() {
    return idPlaceholder;
  }

  public void setIdPlaceholder(String uid) {
    this.idPlaceholder = uid;
  }

  /** The request's Unique Identifier, or the ID Placeholder when the request has none. */
  public String resolve(String uniqueIdentifier) {
    if (uniqueIdentifier != null) {
      return uniqueIdentifier;
    }
    if (idPlaceholder == null) {
      throw KmipException.missingData("no Unique Identifier in the request and no ID Placeholder in this batch");
    }
    return idPlaceholder;
  }
}
