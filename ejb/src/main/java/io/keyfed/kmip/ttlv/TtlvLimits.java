package io.keyfed.kmip.ttlv;

/**
 * Bounds applied to untrusted TTLV. Every one of them exists because a peer controls the bytes:
 * lengths are declared by the sender and must never drive an allocation or a recursion unchecked.
 *
 * @param maxMessageBytes largest whole message accepted (header included); a declared length above
 *     it is refused before anything is allocated
 * @param maxDepth deepest structure nesting accepted; bounds the reader's recursion (a 100,000-deep
 *     message would otherwise overflow the stack)
 */
public record TtlvLimits(int maxMessageBytes, int maxDepth) {

  /** 8 MiB holds a Locate response with 100,000 identifiers; KMIP messages nest about 8 deep. */
  public static final TtlvLimits DEFAULT = new TtlvLimits(8 * 1024 * 1024, 64);

  public TtlvLimits {
    if (maxMessageBytes < 8 || maxDepth < 1) {
      throw new IllegalArgumentException("limits too small");
    }
  }
}
