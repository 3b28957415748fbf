package io.keyfed.kmip.text;

/**
 * A value that does not parse, before the encoding adds where it was: the XML and JSON readers turn
 * it into a {@link KmipTextException} with the position of the item.
 */
public final class ValueException extends Exception {

  private final KmipTextException.Problem problem;

  public ValueException(KmipTextException.Problem problem, String detail) {
    super(detail, null, false, false);
    this.problem = problem;
  }

  public KmipTextException.Problem problem() {
    return problem;
  }
}
