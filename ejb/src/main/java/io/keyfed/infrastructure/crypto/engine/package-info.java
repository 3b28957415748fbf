/**
 * The cryptographic engine the KMIP operation handlers call: plain Java over Bouncy Castle's
 * lightweight API (no JCA provider is registered or needed) and nothing from {@code jakarta.*}.
 * Inputs and outputs are in KMIP's words: managed objects and Key Blocks as {@link
 * io.keyfed.kmip.ttlv.Ttlv}, the generated enumerations, {@link
 * io.keyfed.infrastructure.crypto.engine.CryptographicParameters} decoded from the request as it
 * is. Failures are {@link io.keyfed.kmip.message.KmipException}s with the Result Reason the
 * specification (or the OASIS test cases) give.
 *
 * <table>
 *   <caption>Entry points</caption>
 *   <tr><th>class</th><th>operations</th><th>supported</th></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.KeyGeneration}</td><td>Create, Create Key Pair, Re-key</td>
 *       <td>AES 128/192/256, 3DES, HMAC keys of any byte length, ChaCha20; RSA 1024–8192 (e = 65537);
 *       EC on P-256/384/521 and every other Weierstrass Recommended Curve; Ed25519; X25519; Secret Data</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.KeyFormats}</td><td>Get / Export with Key Format Type, Register checks</td>
 *       <td>Raw, Opaque, Transparent Symmetric, PKCS#1, PKCS#8, X.509, ECPrivateKey, Transparent RSA,
 *       DSA and EC/ECDSA/ECDH/ECMQV keys; every conversion between formats of the same key</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.Encryption}</td><td>Encrypt, Decrypt</td>
 *       <td>ECB, CBC, CTR, CFB, OFB, GCM, AES key wrap (RFC 3394, 5649), ChaCha20(-Poly1305); Padding
 *       None, PKCS5, X9.23, ISO 10126; RSA OAEP and PKCS#1 v1.5; streaming</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.Signatures}</td><td>Sign, Signature Verify</td>
 *       <td>RSA PKCS#1 v1.5 and PSS, ECDSA, Ed25519; SHA-1/2/3; Digested Data; streaming</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.Macs}</td><td>MAC, MAC Verify</td>
 *       <td>HMAC-SHA1/224/256/384/512, HMAC-SHA3, HMAC-MD5, CMAC; streaming</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.Hashing}</td><td>Hash</td><td>every Hashing Algorithm; streaming</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.RandomNumbers}</td><td>RNG Retrieve, RNG Seed</td>
 *       <td>the server's SecureRandom; seeds supplement it</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.KeyWrapping}</td><td>Get/Export with Key Wrapping Specification, Register of wrapped keys</td>
 *       <td>Wrapping Method Encrypt (AES-KW, AES-KWP, RSA-OAEP, any Encrypt mode); TTLV and No Encoding</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.KeyDerivation}</td><td>Derive Key</td>
 *       <td>PBKDF2, HASH, HMAC, ENCRYPT, NIST 800-108 C/F/DPI, HKDF, Asymmetric Key (ECDH, X25519), AWS SigV4</td></tr>
 *   <tr><td>{@link io.keyfed.infrastructure.crypto.engine.SplitKeys}</td><td>Create Split Key, Join Split Key</td>
 *       <td>XOR, Polynomial Sharing GF (2^8), Polynomial Sharing Prime Field</td></tr>
 * </table>
 *
 * <p>Not supported (Feature Not Supported): DSA key generation and DSA signatures (DSA keys are
 * only stored and converted), DH keys, Ed448/X448, CCM, XTS, PCBC, CBC-MAC,
 * the X9.102 wrapping modes, MAC/sign key wrapping and TR-31, Polynomial Sharing GF (2^16),
 * PKCS#8 EncryptedPrivateKeyInfo, PKCS#12.
 *
 * <p>{@link io.keyfed.infrastructure.crypto.engine.CryptoEngine} wires the parts with one
 * SecureRandom and one {@link io.keyfed.infrastructure.crypto.engine.StreamRegistry} (streamed
 * operations' state, bounded in number, idle time and buffered bytes).
 */
package io.keyfed.infrastructure.crypto.engine;
