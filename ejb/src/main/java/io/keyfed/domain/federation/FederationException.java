package io.keyfed.domain.federation;

/**
 * A federation request that breaks a rule of the domain (an unknown peer, a rule whose selector is
 * empty, a name already taken). The admin API answers it with 4xx and this message.
 */
public class FederationException extends RuntimeException {

  public enum Kind { INVALID, NOT_FOUND, CONFLICT }

  private final Kind kind;

  public FederationException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static FederationException invalid(String m) {
    return new FederationException(Kind.INVALID, m);
  }

  public static FederationException notFound(String m) {
    return new FederationException(Kind.NOT_FOUND, m);
  }

  public static FederationException conflict(String m) {
    return new FederationException(Kind.CONFLICT, m);
  }
}
