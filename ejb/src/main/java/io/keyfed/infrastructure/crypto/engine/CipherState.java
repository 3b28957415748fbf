package io.keyfed.infrastructure.crypto.engine;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.Wrapper;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Pack;

/**
 * One encryption or decryption in progress: fed by parts, finished once. Each implementation
 * gives out as much output as it can as early as it can (whole blocks for ECB/CBC; decryption
 * with padding keeps the last block back until it knows it is the last), which is what the
 * OASIS streaming test cases (TC-STREAM-ENCDEC-1) expect.
 */
abstract class CipherState {

  /** The IV/Counter/Nonce the server generated (to return), or null. */
  byte[] generatedIv;

  /** The Authenticated Encryption Tag a decryption checks at the end (may arrive in any part). */
  byte[] expectedTag;

  abstract byte[] update(byte[] in);

  abstract byte[] finish(byte[] in);

  /** After {@link #finish} of an authenticated encryption: the tag. */
  byte[] tag() {
    return null;
  }

  /** Additional data for authenticated modes; Invalid Field elsewhere or once data has flowed. */
  void aad(byte[] aad) {
    if (aad != null && aad.length > 0) {
      throw Failures.invalidField("Authenticated Encryption Additional Data needs an authenticated mode (GCM, AEAD)");
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  // ---- ECB and CBC: whole blocks, padding done here -------------------------------------

  static final class Blocks extends CipherState {
    private final BlockCipher cipher;
    private final boolean encrypt;
    private final Padding padding;
    private final int bs;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Blocks(BlockCipher cipher, boolean encrypt, Padding padding) {
      this.cipher = cipher;
      this.encrypt = encrypt;
      this.padding = padding;
      this.bs = cipher.getBlockSize();
    }

    @Override
    byte[] update(byte[] in) {
      pending.writeBytes(in);
      byte[] all = pending.toByteArray();
      int n = all.length / bs * bs;
      if (!encrypt && padding != Padding.NONE && n == all.length) {
        n -= bs;
      }
      pending.reset();
      pending.write(all, n, all.length - n);
      return process(all, n);
    }

    @Override
    byte[] finish(byte[] in) {
      pending.writeBytes(in);
      byte[] all = pending.toByteArray();
      pending.reset();
      if (encrypt) {
        all = padding.pad(all, bs);
      }
      if (all.length % bs != 0) {
        throw Failures.invalidField("the data is not a whole number of " + bs + "-byte blocks and the Padding Method is None");
      }
      byte[] out = process(all, all.length);
      return encrypt ? out : padding.unpad(out, bs);
    }

    private byte[] process(byte[] in, int len) {
      byte[] out = new byte[len];
      for (int off = 0; off < len; off += bs) {
        cipher.processBlock(in, off, out, off);
      }
      return out;
    }
  }

  /** Padding Methods for ECB and CBC (KMIP 1.4 §9.1.3.2.15). */
  enum Padding {
    NONE, PKCS5, ANSI_X9_23, ISO_10126;

    byte[] pad(byte[] data, int bs) {
      if (this == NONE) {
        return data;
      }
      int n = bs - data.length % bs;
      byte[] r = Arrays.copyOf(data, data.length + n);
      if (this == PKCS5) {
        Arrays.fill(r, data.length, r.length, (byte) n);
      } else if (this == ISO_10126) {
        byte[] rnd = new byte[n - 1];
        io.keyfed.infrastructure.crypto.Random.source().nextBytes(rnd);
        System.arraycopy(rnd, 0, r, data.length, n - 1);
      }
      r[r.length - 1] = (byte) n;
      return r;
    }

    byte[] unpad(byte[] data, int bs) {
      if (this == NONE) {
        return data;
      }
      if (data.length == 0) {
        throw Failures.cryptographicFailure("bad padding");
      }
      int n = data[data.length - 1] & 0xFF;
      boolean bad = n == 0 || n > bs;
      if (!bad && this != ISO_10126) {
        byte want = this == PKCS5 ? (byte) n : 0;
        for (int i = data.length - n; i < data.length - 1; i++) {
          bad |= data[i] != want;
        }
      }
      if (bad) {
        throw Failures.cryptographicFailure("bad padding");
      }
      return Arrays.copyOf(data, data.length - n);
    }
  }

  // ---- CTR, CFB, OFB, ChaCha20: byte-wise -----------------------------------------------

  static final class Stream extends CipherState {
    private final StreamCipher cipher;

    Stream(StreamCipher cipher) {
      this.cipher = cipher;
    }

    @Override
    byte[] update(byte[] in) {
      byte[] out = new byte[in.length];
      cipher.processBytes(in, 0, in.length, out, 0);
      return out;
    }

    @Override
    byte[] finish(byte[] in) {
      return update(in);
    }
  }

  // ---- GCM ------------------------------------------------------------------------------

  static final class Aead extends CipherState {
    private final AEADCipher cipher;
    private final boolean encrypt;
    private final int tagBytes;
    private boolean started;
    private byte[] tag;

    Aead(AEADCipher cipher, boolean encrypt, int tagBytes) {
      this.cipher = cipher;
      this.encrypt = encrypt;
      this.tagBytes = tagBytes;
    }

    @Override
    void aad(byte[] aad) {
      if (aad == null || aad.length == 0) {
        return;
      }
      if (started) {
        throw Failures.invalidField("Authenticated Encryption Additional Data must come with the first part");
      }
      cipher.processAADBytes(aad, 0, aad.length);
    }

    @Override
    byte[] update(byte[] in) {
      started = true;
      byte[] out = new byte[cipher.getUpdateOutputSize(in.length)];
      int n = cipher.processBytes(in, 0, in.length, out, 0);
      return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @Override
    byte[] finish(byte[] in) {
      byte[] head = update(in);
      if (!encrypt) {
        if (expectedTag == null) {
          throw Failures.invalidField("Decrypt in an authenticated mode needs the Authenticated Encryption Tag");
        }
        if (expectedTag.length != tagBytes) {
          throw Failures.cryptographicFailure("the Authenticated Encryption Tag is not Tag Length bytes long");
        }
        head = concat(head, update(expectedTag));
      }
      byte[] out = new byte[cipher.getOutputSize(0)];
      int n;
      try {
        n = cipher.doFinal(out, 0);
      } catch (InvalidCipherTextException e) {
        throw Failures.cryptographicFailure("authentication failed: wrong key, IV, data, additional data or tag");
      }
      if (encrypt) {
        tag = Arrays.copyOfRange(out, n - tagBytes, n);
        n -= tagBytes;
      }
      return concat(head, Arrays.copyOf(out, n));
    }

    @Override
    byte[] tag() {
      return tag;
    }
  }

  // ---- ChaCha20-Poly1305 (RFC 8439 §2.8), with tags truncated to Tag Length ---------------

  /**
   * Written out rather than Bouncy Castle's ChaCha20Poly1305 because KMIP lets the Tag Length be
   * shorter than 16 bytes (the OASIS case CS-BC-M-CHACHA20POLY1305-1 decrypts with a 12-byte
   * tag, the first 12 bytes of the full one).
   */
  static final class ChaChaPoly extends CipherState {
    private final StreamCipher chacha;
    private final Poly1305 poly = new Poly1305();
    private final boolean encrypt;
    private final int tagBytes;
    private long aadLength;
    private long dataLength;
    private boolean started;
    private byte[] tag;

    ChaChaPoly(StreamCipher chachaAtBlockZero, boolean encrypt, int tagBytes) {
      this.chacha = chachaAtBlockZero;
      this.encrypt = encrypt;
      this.tagBytes = tagBytes;
      byte[] block0 = new byte[64];
      chacha.processBytes(new byte[64], 0, 64, block0, 0);
      poly.init(new KeyParameter(block0, 0, 32));
      Arrays.fill(block0, (byte) 0);
    }

    @Override
    void aad(byte[] aad) {
      if (aad == null || aad.length == 0) {
        return;
      }
      if (started) {
        throw Failures.invalidField("Authenticated Encryption Additional Data must come with the first part");
      }
      poly.update(aad, 0, aad.length);
      aadLength += aad.length;
    }

    @Override
    byte[] update(byte[] in) {
      if (!started) {
        padTo16(aadLength);
        started = true;
      }
      byte[] out = new byte[in.length];
      chacha.processBytes(in, 0, in.length, out, 0);
      byte[] ct = encrypt ? out : in;
      poly.update(ct, 0, ct.length);
      dataLength += in.length;
      return out;
    }

    @Override
    byte[] finish(byte[] in) {
      byte[] out = update(in);
      padTo16(dataLength);
      byte[] lengths = new byte[16];
      Pack.longToLittleEndian(aadLength, lengths, 0);
      Pack.longToLittleEndian(dataLength, lengths, 8);
      poly.update(lengths, 0, 16);
      byte[] full = new byte[16];
      poly.doFinal(full, 0);
      byte[] t = Arrays.copyOf(full, tagBytes);
      if (encrypt) {
        tag = t;
        return out;
      }
      if (expectedTag == null) {
        throw Failures.invalidField("Decrypt in an authenticated mode needs the Authenticated Encryption Tag");
      }
      if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(t, expectedTag)) {
        Arrays.fill(out, (byte) 0);
        throw Failures.cryptographicFailure("authentication failed: wrong key, IV, data, additional data or tag");
      }
      return out;
    }

    private void padTo16(long n) {
      int pad = (int) ((16 - n % 16) % 16);
      poly.update(new byte[pad], 0, pad);
    }

    @Override
    byte[] tag() {
      return tag;
    }
  }

  // ---- whole-message algorithms: AES key wrap, RSA -----------------------------------------

  abstract static class Buffered extends CipherState {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final int limit;

    Buffered(int limit) {
      this.limit = limit;
    }

    @Override
    byte[] update(byte[] in) {
      buf.writeBytes(in);
      if (buf.size() > limit) {
        throw Failures.serverLimit("this algorithm processes the whole message at the end; at most " + limit + " bytes");
      }
      return new byte[0];
    }

    @Override
    byte[] finish(byte[] in) {
      update(in);
      return complete(buf.toByteArray());
    }

    abstract byte[] complete(byte[] all);
  }

  static final class KeyWrap extends Buffered {
    private final Wrapper wrapper;
    private final boolean encrypt;

    KeyWrap(Wrapper wrapper, boolean encrypt, int limit) {
      super(limit);
      this.wrapper = wrapper;
      this.encrypt = encrypt;
    }

    @Override
    byte[] complete(byte[] all) {
      if (encrypt) {
        try {
          return wrapper.wrap(all, 0, all.length);
        } catch (RuntimeException e) {
          throw Failures.invalidField("cannot key-wrap this data: " + e.getMessage());
        }
      }
      try {
        return wrapper.unwrap(all, 0, all.length);
      } catch (InvalidCipherTextException | RuntimeException e) {
        throw Failures.cryptographicFailure("key unwrap failed: wrong key or damaged data");
      }
    }
  }

  static final class Rsa extends Buffered {
    private final AsymmetricBlockCipher cipher;
    private final boolean encrypt;

    Rsa(AsymmetricBlockCipher cipher, boolean encrypt, int limit) {
      super(limit);
      this.cipher = cipher;
      this.encrypt = encrypt;
    }

    @Override
    byte[] complete(byte[] all) {
      if (encrypt && all.length > cipher.getInputBlockSize()) {
        throw Failures.invalidField("at most " + cipher.getInputBlockSize() + " bytes fit this RSA key and padding");
      }
      try {
        return cipher.processBlock(all, 0, all.length);
      } catch (InvalidCipherTextException | RuntimeException e) {
        if (encrypt) {
          throw Failures.invalidField("cannot encrypt this data with this key: " + e.getMessage());
        }
        throw Failures.cryptographicFailure("RSA decryption failed: wrong key, padding or data");
      }
    }
  }

}
