package io.keyfed.infrastructure.crypto;

import io.keyfed.application.ObjectSealer;
import io.keyfed.domain.object.SealedContent;
import io.keyfed.infrastructure.config.KeyfedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.logging.Logger;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Seals object content with AES-256-GCM under the current master key (Bouncy Castle's lightweight
 * API, so no JCE provider is registered) and unseals it under whichever key of the
 * {@link MasterKeyRing} sealed it. Sealed form ({@link SealedContent}): format byte 2, the 8-byte
 * master key fingerprint, a 12-byte random nonce, the ciphertext with its 16-byte tag; the
 * object's Unique Identifier is the associated data, so a blob copied onto another row fails to
 * open.
 *
 * <p>Keys come from {@code keyfed.master-key.keystore} (PKCS#12, password in
 * {@code keyfed.master-key.keystore-password-file}) when set, else from
 * {@code keyfed.master-key.file} (default {@code $KEYFED_HOME/master.key}, generated on first
 * start). They never touch the database. {@link #reload()} picks up a rotation without a restart.
 */
@ApplicationScoped
public class MasterKeySealer implements ObjectSealer {

  private static final Logger LOG = Logger.getLogger(MasterKeySealer.class.getName());
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  @Inject
  KeyfedConfig config;

  private final SecureRandom random = new SecureRandom();
  private volatile Keys keys;

  /** The ring with its keys ready for the cipher, swapped whole on reload. */
  private record Keys(MasterKeyRing ring, byte[] currentIdBytes, KeyParameter current) {
    static Keys of(MasterKeyRing ring) {
      return new Keys(ring, HexFormat.of().parseHex(ring.currentId()), new KeyParameter(ring.current()));
    }
  }

  @PostConstruct
  void init() {
    reload();
  }

  /** Loads the master keys again from their source (after a rotation). */
  public void reload() {
    try {
      Path keystore = config.masterKeyKeystore();
      MasterKeyRing ring = keystore != null
          ? MasterKeyRing.fromKeystore(keystore, config.masterKeyKeystorePasswordFile())
          : MasterKeyRing.fromFile(config.masterKeyFile());
      keys = Keys.of(ring);
      LOG.info("master keys loaded: current " + ring.currentId() + ", " + (ring.ids().size() - 1) + " previous");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the master keys", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the master keys: " + e.getMessage(), e);
    }
  }

  /** For plain unit tests. */
  public static MasterKeySealer withKey(byte[] key) {
    return withRing(MasterKeyRing.of(key));
  }

  public static MasterKeySealer withRing(MasterKeyRing ring) {
    MasterKeySealer s = new MasterKeySealer();
    s.keys = Keys.of(ring);
    return s;
  }

  public MasterKeyRing ring() {
    return keys.ring();
  }

  @Override
  public String currentKeyId() {
    return keys.ring().currentId();
  }

  @Override
  public byte[] seal(String uniqueIdentifier, byte[] plaintext) {
    Keys k = keys;
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    GCMModeCipher gcm = cipher(true, k.current(), nonce, uniqueIdentifier);
    int head = SealedContent.HEADER + NONCE;
    byte[] out = new byte[head + gcm.getOutputSize(plaintext.length)];
    out[0] = SealedContent.FORMAT;
    System.arraycopy(k.currentIdBytes(), 0, out, 1, SealedContent.KEY_ID_BYTES);
    System.arraycopy(nonce, 0, out, SealedContent.HEADER, NONCE);
    int n = gcm.processBytes(plaintext, 0, plaintext.length, out, head);
    try {
      gcm.doFinal(out, head + n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public byte[] unseal(String uniqueIdentifier, byte[] sealed) {
    String keyId = SealedContent.keyIdOf(sealed);
    int head = SealedContent.HEADER + NONCE;
    if (keyId == null || sealed.length < head + TAG_BITS / 8) {
      throw new IllegalStateException("sealed content of " + uniqueIdentifier + " has an unknown format");
    }
    byte[] key = keys.ring().key(keyId);
    if (key == null) {
      throw new IllegalStateException("sealed content of " + uniqueIdentifier + " is under master key " + keyId + ", which is not loaded");
    }
    GCMModeCipher gcm = cipher(false, new KeyParameter(key), Arrays.copyOfRange(sealed, SealedContent.HEADER, head), uniqueIdentifier);
    byte[] out = new byte[gcm.getOutputSize(sealed.length - head)];
    int n = gcm.processBytes(sealed, head, sealed.length - head, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("sealed content of " + uniqueIdentifier + " fails authentication (wrong master key or tampering)");
    }
    return out;
  }

  private static GCMModeCipher cipher(boolean encrypt, KeyParameter key, byte[] nonce, String uid) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(key, TAG_BITS, nonce, uid.getBytes(StandardCharsets.UTF_8)));
    return gcm;
  }
}
