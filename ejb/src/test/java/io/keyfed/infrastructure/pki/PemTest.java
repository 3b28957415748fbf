package io.keyfed.infrastructure.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

  @TempDir Path temp;

  @Test
  void pkcs8KeysRoundTrip() throws Exception {
    KeyPair rsa = generate("RSA", null);
    String pem = Pem.write(rsa.getPrivate());
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    assertArrayEquals(rsa.getPrivate().getEncoded(), Pem.readPrivateKey(pem).getEncoded());
  }

  @Test
  void pkcs1RsaKeysAreRead() throws Exception {
    KeyPair rsa = generate("RSA", null);
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    PrivateKey read = Pem.readPrivateKey(pem(new PemObject("RSA PRIVATE KEY", pkcs1)));
    assertEquals("RSA", read.getAlgorithm());
    assertArrayEquals(rsa.getPrivate().getEncoded(), read.getEncoded());
  }

  @Test
  void sec1EcKeysAreReadEvenAfterTheirParameters() throws Exception {
    KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"));
    ASN1ObjectIdentifier prime256v1 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
    BigInteger secret = ((ECPrivateKey) ec.getPrivate()).getS();
    DERBitString point =
        new DERBitString(
            SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded())
                .getPublicKeyData()
                .getBytes());
    // What `openssl ecparam -genkey` writes: the curve first, then the key with its public half;
    // and a key without its optional public half.
    byte[] full =
        new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret, point, prime256v1).getEncoded();
    byte[] bare = new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret, prime256v1).getEncoded();
    for (byte[] sec1 : List.of(full, bare)) {
      String pem =
          pem(
              new PemObject("EC PARAMETERS", prime256v1.getEncoded()),
              new PemObject("EC PRIVATE KEY", sec1));
      PrivateKey read = Pem.readPrivateKey(pem);
      assertEquals("EC", read.getAlgorithm());
      assertTrue(Crypto.matches(read, ec.getPublic()));
    }
  }

  @Test
  void certificatesOneOrManyAreReadInOrderAndKeysNextToThemAreSkipped() throws Exception {
    ServerPki pki = SharedPki.primary();
    var server = Pem.readCertificates(pki.serverCert()).get(0);
    var ca = Pem.readCertificates(pki.caCert()).get(0);
    Path bundle = temp.resolve("bundle.pem");
    Files.writeString(bundle, Pem.write(List.of(server, ca)) + Files.readString(pki.serverKey()));
    assertEquals(List.of(server, ca), Pem.readCertificates(bundle));
    assertTrue(Crypto.matches(Pem.readPrivateKey(bundle), server.getPublicKey()));
  }

  @Test
  void encryptedKeysAreRefusedWithAHint() throws Exception {
    KeyPair rsa = generate("RSA", null);
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(
          new JcaPKCS8Generator(
              rsa.getPrivate(),
              new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                  .setProvider(Crypto.BC)
                  .setPassword("pw".toCharArray())
                  .build()));
    }
    IOException e = assertThrows(IOException.class, () -> Pem.readPrivateKey(text.toString()));
    assertTrue(e.getMessage().contains("openssl pkey"), e.getMessage());
  }

  @Test
  void missingOrBrokenContentIsAnIoException() throws Exception {
    Path der = temp.resolve("cert.der");
    Files.write(der, Pem.readCertificates(SharedPki.primary().caCert()).get(0).getEncoded());
    assertThrows(IOException.class, () -> Pem.readCertificates(der));
    assertThrows(IOException.class, () -> Pem.readPrivateKey(SharedPki.primary().caCert()));
    assertThrows(IOException.class, () -> Pem.readCertificates(temp.resolve("absent.pem")));
    assertThrows(
        IOException.class,
        () ->
            Pem.readCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    String twoKeys =
        Files.readString(SharedPki.primary().serverKey())
            + Files.readString(SharedPki.primary().clientKey());
    assertThrows(IOException.class, () -> Pem.readPrivateKey(twoKeys));
    assertThrows(IllegalArgumentException.class, () -> Pem.write("not a key"));
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec spec) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    if (spec != null) {
      generator.initialize(spec);
    } else {
      generator.initialize(2048); // the format, not the size, is under test
    }
    return generator.generateKeyPair();
  }

  private static String pem(PemObject... objects) throws IOException {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      for (PemObject object : objects) {
        writer.writeObject(object);
      }
    }
    return text.toString();
  }
}
