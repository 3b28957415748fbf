package io.keyfed.domain.identity;

/**
 * An identity or grant request that breaks a rule (an unknown role, a grant naming no object,
 * an unknown identity or grant). The admin API answers it with 400 or 404 and this message; the
 * message names the offending field.
 */
public class AccessException extends RuntimeException {

  public enum Kind { INVALID, NOT_FOUND }

  private final Kind kind;

  public AccessException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static AccessException invalid(String m) {
    return new AccessException(Kind.INVALID, m);
  }

  public static AccessException notFound(String m) {
    return new AccessException(Kind.NOT_FOUND, m);
  }
}
