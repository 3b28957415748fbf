package io.keyfed.application.federation;

import io.keyfed.kmip.spec.CredentialType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;

/**
 * How a gateway tells its upstream which client an operation is for (DESIGN.md use case 5): the
 * forwarded batch item carries a Message Extension (KMIP 1.4 §6.16, 2.1 §8.17) with Vendor
 * Identification {@code keyfed}, Criticality Indicator true — a server that does not understand
 * it must refuse the item rather than run it as the gateway — and as Vendor Extension a KMIP
 * Credential of type Username and Password whose Username is the client's name and which has no
 * Password: the gateway authenticated the client (its TLS certificate) and vouches for it. The
 * upstream believes it only from a peer registered with the GATEWAY role.
 */
public final class OnBehalfOf {

  public static final String VENDOR = "keyfed";

  private OnBehalfOf() {}

  public static Ttlv extension(String clientName) {
    Ttlv credential = Ttlv.structure(Tag.CREDENTIAL,
        Ttlv.enumeration(Tag.CREDENTIAL_TYPE, CredentialType.USERNAME_AND_PASSWORD),
        Ttlv.structure(Tag.CREDENTIAL_VALUE, Ttlv.text(Tag.USERNAME, clientName)));
    return Ttlv.structure(Tag.MESSAGE_EXTENSION,
        Ttlv.text(Tag.VENDOR_IDENTIFICATION, VENDOR),
        Ttlv.bool(Tag.CRITICALITY_INDICATOR, true),
        Ttlv.structure(Tag.VENDOR_EXTENSION, credential));
  }

  /** The client a Keyfed gateway names in this Message Extension, or null when it names none. */
  public static String clientOf(Ttlv messageExtension) {
    if (messageExtension == null || !messageExtension.is(Tag.MESSAGE_EXTENSION)) {
      return null;
    }
    Ttlv vendor = messageExtension.child(Tag.VENDOR_IDENTIFICATION);
    Ttlv ext = messageExtension.child(Tag.VENDOR_EXTENSION);
    if (vendor == null || !VENDOR.equals(vendor.asText()) || ext == null) {
      return null;
    }
    Ttlv credential = ext.child(Tag.CREDENTIAL);
    Ttlv value = credential == null ? null : credential.child(Tag.CREDENTIAL_VALUE);
    Ttlv username = value == null ? null : value.child(Tag.USERNAME);
    String name = username == null ? null : username.asText();
    return name == null || name.isBlank() ? null : name;
  }
}
