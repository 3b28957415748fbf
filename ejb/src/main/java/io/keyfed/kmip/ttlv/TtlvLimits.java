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
  /** The deepest nesting that may be configured. */
  public static final int MAX_DEPTH_CEILING = 512;

  public static final TtlvLimits DEFAULT = new TtlvLimits(8 * 1024 * 1024, 64);

  public TtlvLimits {
    if (maxMessageBytes < 8 || maxDepth < 1) {
      throw new IllegalArgumentException("limits too small");
    }
    // The reader recurses once per level: beyond a few hundred levels a configured value could
    // let a hostile message overflow the stack. KMIP messages nest about 8 deep.
    if (maxDepth > MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException("maximum depth above " + MAX_DEPTH_CEILING);
    }
  }
}
