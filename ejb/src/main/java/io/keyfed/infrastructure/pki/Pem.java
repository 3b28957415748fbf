package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM (RFC 7468) reading and writing with Bouncy Castle: certificates, one or many per file, and
 * unencrypted private keys as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or
 * SEC1 ({@code EC PRIVATE KEY}). Other blocks in a file (a key next to its certificate, {@code EC
 * PARAMETERS}) are skipped, so combined files written by other tools can be read too.
 *
 * <p>Keys are always written as PKCS#8: every TLS stack reads it, PyKMIP and OpenSSL included.
 * Private keys come back as the JDK's own key classes, which is what SunJSSE expects.
 */
public final class Pem {

  private Pem() {}

  /** All certificates in a PEM file, in file order (for a chain: the leaf first). */
  public static List<X509Certificate> readCertificates(Path pemFile) throws IOException {
    return readCertificates(read(pemFile), pemFile.toString());
  }

  /** All certificates in PEM text, in order. */
  public static List<X509Certificate> readCertificates(String pem) throws IOException {
    return readCertificates(pem, "PEM text");
  }

  /** The one private key in a PEM file. */
  public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
    return readPrivateKey(read(pemFile), pemFile.toString());
  }

  /** The one private key in PEM text. */
  public static PrivateKey readPrivateKey(String pem) throws IOException {
    return readPrivateKey(pem, "PEM text");
  }

  /**
   * PEM text for an {@link X509Certificate} or {@link X509CertificateHolder} ({@code CERTIFICATE}),
   * a {@link PrivateKey} (PKCS#8 {@code PRIVATE KEY}, unencrypted), a {@link PublicKey} ({@code
   * PUBLIC KEY}), or a collection of these (concatenated, in order).
   *
   * @throws IllegalArgumentException for any other object
   */
  public static String write(Object certOrKey) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      if (certOrKey instanceof Collection<?> items) {
        for (Object item : items) {
          writer.writeObject(pemObject(item));
        }
      } else {
        writer.writeObject(pemObject(certOrKey));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "writing PEM to memory failed", e); // StringWriter never fails
    }
    return text.toString();
  }

  private static PemObject pemObject(Object item) throws IOException {
    if (item instanceof X509Certificate certificate) {
      try {
        return new PemObject("CERTIFICATE", certificate.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate cannot be encoded", e);
      }
    }
    if (item instanceof X509CertificateHolder holder) {
      return new PemObject("CERTIFICATE", holder.getEncoded());
    }
    if (item instanceof PrivateKey key) {
      byte[] encoded = key.getEncoded();
      if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
        throw new IllegalArgumentException(
            "private key cannot be exported as PKCS#8 (format " + key.getFormat() + ")");
      }
      // Parsing checks that the bytes really are a PrivateKeyInfo before they reach a file.
      return new PemObject("PRIVATE KEY", PrivateKeyInfo.getInstance(encoded).getEncoded());
    }
    if (item instanceof PublicKey key) {
      return new PemObject("PUBLIC KEY", key.getEncoded());
    }
    throw new IllegalArgumentException(
        "cannot write " + (item == null ? "null" : item.getClass().getName()) + " as PEM");
  }

  private static String read(Path pemFile) throws IOException {
    // ISO-8859-1 never fails to decode: a DER or binary file gets the "no PEM" message below
    // instead of a charset exception.
    return new String(Files.readAllBytes(pemFile), StandardCharsets.ISO_8859_1);
  }

  private static List<Object> parse(String pem, String source) throws IOException {
    List<Object> items = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object item;
      while ((item = parser.readObject()) != null) {
        items.add(item);
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot parse PEM in " + source + ": " + e.getMessage(), e);
    }
    return items;
  }

  private static List<X509Certificate> readCertificates(String pem, String source)
      throws IOException {
    JcaX509CertificateConverter converter =
        new JcaX509CertificateConverter().setProvider(Crypto.BC);
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object item : parse(pem, source)) {
      X509CertificateHolder holder = null;
      if (item instanceof X509CertificateHolder h) {
        holder = h;
      } else if (item instanceof X509TrustedCertificateBlock trusted) {
        holder = trusted.getCertificateHolder(); // OpenSSL's "TRUSTED CERTIFICATE"
      }
      if (holder != null) {
        try {
          certificates.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          throw new IOException("bad certificate in " + source + ": " + e.getMessage(), e);
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new IOException("no PEM certificate in " + source);
    }
    return List.copyOf(certificates);
  }

  private static PrivateKey readPrivateKey(String pem, String source) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter(); // JDK key classes, see class doc
    PrivateKey found = null;
    for (Object item : parse(pem, source)) {
      if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new IOException(
            "encrypted private key in "
                + source
                + " is not supported; decrypt it with: openssl pkey -in KEY -out KEY.plain");
      }
      if (!(item instanceof PrivateKeyInfo) && !(item instanceof PEMKeyPair)) {
        continue;
      }
      if (found != null) {
        throw new IOException("more than one private key in " + source);
      }
      try {
        found =
            item instanceof PEMKeyPair pair
                // PKCS#1 and SEC1; the public half is optional in SEC1, so it is not needed
                ? converter.getPrivateKey(pair.getPrivateKeyInfo())
                : converter.getPrivateKey((PrivateKeyInfo) item);
      } catch (IOException | RuntimeException e) {
        throw new IOException("bad private key in " + source + ": " + e.getMessage(), e);
      }
    }
    if (found == null) {
      throw new IOException("no PEM private key in " + source);
    }
    return found;
  }
}
