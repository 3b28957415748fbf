package io.keyfed.infrastructure.crypto;

import io.keyfed.application.ObjectSealer;
import io.keyfed.infrastructure.config.KeyfedConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Seals object content with AES-256-GCM under the master key (Bouncy Castle's lightweight API, so
 * no JCE provider is registered). Sealed form: version byte 1, 12-byte random nonce, ciphertext
 * with its 16-byte tag; the object's Unique Identifier is the associated data, so a sealed blob
 * copied onto another row fails to open.
 *
 * <p>The master key is read from {@code keyfed.master-key.file} (default
 * {@code $KEYFED_HOME/master.key}: 32 raw bytes, mode 600), generated there on first start. It
 * never touches the database.
 */
@ApplicationScoped
public class MasterKeySealer implements ObjectSealer {

  private static final byte FORMAT_V1 = 1;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  @Inject
  KeyfedConfig config;

  private final SecureRandom random = new SecureRandom();
  private KeyParameter masterKey;

  @PostConstruct
  void init() {
    masterKey = new KeyParameter(loadOrCreate(config.masterKeyFile()));
  }

  /** For plain unit tests. */
  public static MasterKeySealer withKey(byte[] key) {
    MasterKeySealer s = new MasterKeySealer();
    s.masterKey = new KeyParameter(key.clone());
    return s;
  }

  static byte[] loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        byte[] k = Files.readAllBytes(file);
        if (k.length != 32) {
          throw new IllegalStateException("master key file " + file + " must hold 32 bytes, it holds " + k.length);
        }
        return k;
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".master", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, k);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key " + file, e);
    }
  }

  @Override
  public byte[] seal(String uniqueIdentifier, byte[] plaintext) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    GCMModeCipher gcm = cipher(true, nonce, uniqueIdentifier);
    byte[] out = new byte[1 + NONCE + gcm.getOutputSize(plaintext.length)];
    out[0] = FORMAT_V1;
    System.arraycopy(nonce, 0, out, 1, NONCE);
    int n = gcm.processBytes(plaintext, 0, plaintext.length, out, 1 + NONCE);
    try {
      gcm.doFinal(out, 1 + NONCE + n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public byte[] unseal(String uniqueIdentifier, byte[] sealed) {
    if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT_V1) {
      throw new IllegalStateException("sealed content of " + uniqueIdentifier + " has an unknown format");
    }
    GCMModeCipher gcm = cipher(false, Arrays.copyOfRange(sealed, 1, 1 + NONCE), uniqueIdentifier);
    byte[] out = new byte[gcm.getOutputSize(sealed.length - 1 - NONCE)];
    int n = gcm.processBytes(sealed, 1 + NONCE, sealed.length - 1 - NONCE, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("sealed content of " + uniqueIdentifier + " fails authentication (wrong master key or tampering)");
    }
    return out;
  }

  private GCMModeCipher cipher(boolean encrypt, byte[] nonce, String uid) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(masterKey, TAG_BITS, nonce, uid.getBytes(StandardCharsets.UTF_8)));
    return gcm;
  }
}
