package io.keyfed.infrastructure.crypto.engine;

import io.keyfed.kmip.spec.RecommendedCurve;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/**
 * Recommended Curve (KMIP 1.4 §9.1.3.2.5) to the named curves of Bouncy Castle and back (by OID).
 * Every Weierstrass curve of the enumeration that Bouncy Castle names is available; CURVE25519
 * and CURVE448 are Montgomery/Edwards curves and handled as X25519/Ed25519 keys elsewhere.
 */
final class Curves {

  private static final Map<RecommendedCurve, ASN1ObjectIdentifier> OIDS = new EnumMap<>(RecommendedCurve.class);
  private static final Map<ASN1ObjectIdentifier, RecommendedCurve> BY_OID = new HashMap<>();

  static {
    for (RecommendedCurve c : RecommendedCurve.values()) {
      String name = bcName(c);
      ASN1ObjectIdentifier oid = name == null ? null : ECNamedCurveTable.getOID(name);
      if (oid != null) {
        OIDS.put(c, oid);
        BY_OID.putIfAbsent(oid, c);
      }
    }
  }

  private Curves() {}

  /** Bouncy Castle's name for the curve, or null for curves it has no table entry for. */
  static String bcName(RecommendedCurve c) {
    String n = c.name();
    if (n.matches("[PKB]_\\d+")) {
      return n.replace('_', '-');
    }
    if (n.startsWith("SECP") || n.startsWith("SECT")) {
      return n.toLowerCase(Locale.ROOT);
    }
    if (n.startsWith("BRAINPOOL")) {
      return "brainpoolP" + n.substring("BRAINPOOLP".length()).toLowerCase(Locale.ROOT);
    }
    if (n.startsWith("ANSIX9P")) {
      return "prime" + n.substring("ANSIX9P".length()).toLowerCase(Locale.ROOT);
    }
    if (n.startsWith("ANSIX9C2")) {
      return "c2" + n.substring("ANSIX9C2".length()).toLowerCase(Locale.ROOT);
    }
    return null;
  }

  static boolean isWeierstrass(RecommendedCurve c) {
    return OIDS.containsKey(c);
  }

  static ASN1ObjectIdentifier oid(RecommendedCurve c) {
    ASN1ObjectIdentifier oid = OIDS.get(c);
    if (oid == null) {
      throw Failures.featureNotSupported("Recommended Curve " + c.specName() + " is not supported here");
    }
    return oid;
  }

  /** The curve's named domain parameters (named, so that encodings carry the OID, not explicit parameters). */
  static ECNamedDomainParameters domain(RecommendedCurve c) {
    ASN1ObjectIdentifier oid = oid(c);
    X9ECParameters x9 = ECNamedCurveTable.getByOID(oid);
    return new ECNamedDomainParameters(oid, x9);
  }

  /** The Recommended Curve of a named curve's OID, or null. */
  static RecommendedCurve of(ASN1ObjectIdentifier oid) {
    return BY_OID.get(oid);
  }

  /** The Recommended Curve of domain parameters, or null (explicit parameters, unknown curve). */
  static RecommendedCurve of(ECDomainParameters d) {
    if (d instanceof ECNamedDomainParameters n) {
      return of(n.getName());
    }
    for (Map.Entry<RecommendedCurve, ASN1ObjectIdentifier> e : OIDS.entrySet()) {
      X9ECParameters x9 = ECNamedCurveTable.getByOID(e.getValue());
      if (x9.getCurve().equals(d.getCurve()) && x9.getG().equals(d.getG()) && x9.getN().equals(d.getN())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Named domain parameters for any domain parameters of a known curve; explicit ones stay as they are. */
  static ECDomainParameters named(ECDomainParameters d) {
    if (d instanceof ECNamedDomainParameters) {
      return d;
    }
    RecommendedCurve c = of(d);
    return c == null ? d : domain(c);
  }
}
