package io.keyfed.application.operation;

import io.keyfed.application.OperationHandler;
import io.keyfed.infrastructure.crypto.engine.CryptoEngine;
import io.keyfed.kmip.spec.Operation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cryptographic operation handlers as plain objects, wired as the container wires them: to
 * the repository and sealer of a {@link Handlers} and to one {@link CryptoEngine} (one stream
 * registry, as the application-scoped producer gives).
 */
final class CryptoHandlers {

  final Handlers base = new Handlers();
  final CryptoEngine engine = CryptoEngine.create();

  final EncryptHandler encrypt = new EncryptHandler();
  final DecryptHandler decrypt = new DecryptHandler();
  final SignHandler sign = new SignHandler();
  final SignatureVerifyHandler signatureVerify = new SignatureVerifyHandler();
  final MacHandler mac = new MacHandler();
  final MacVerifyHandler macVerify = new MacVerifyHandler();
  final HashHandler hash = new HashHandler();
  final RngRetrieveHandler rngRetrieve = new RngRetrieveHandler();
  final RngSeedHandler rngSeed = new RngSeedHandler();
  final CreateKeyPairHandler createKeyPair = new CreateKeyPairHandler();
  final ReKeyHandler reKey = new ReKeyHandler();
  final ReKeyKeyPairHandler reKeyKeyPair = new ReKeyKeyPairHandler();

  CryptoHandlers() {
    encrypt.repository = base.repository;
    encrypt.sealer = base.sealer;
    encrypt.engine = engine;
    decrypt.repository = base.repository;
    decrypt.sealer = base.sealer;
    decrypt.engine = engine;
    sign.repository = base.repository;
    sign.sealer = base.sealer;
    sign.engine = engine;
    signatureVerify.repository = base.repository;
    signatureVerify.sealer = base.sealer;
    signatureVerify.engine = engine;
    mac.repository = base.repository;
    mac.sealer = base.sealer;
    mac.engine = engine;
    macVerify.repository = base.repository;
    macVerify.sealer = base.sealer;
    macVerify.engine = engine;
    hash.engine = engine;
    rngRetrieve.engine = engine;
    rngSeed.engine = engine;
    createKeyPair.repository = base.repository;
    createKeyPair.sealer = base.sealer;
    createKeyPair.engine = engine;
    reKey.repository = base.repository;
    reKey.sealer = base.sealer;
    reKey.engine = engine;
    reKeyKeyPair.repository = base.repository;
    reKeyKeyPair.sealer = base.sealer;
    reKeyKeyPair.engine = engine;
  }

  List<OperationHandler> mine() {
    return List.of(encrypt, decrypt, sign, signatureVerify, mac, macVerify, hash, rngRetrieve, rngSeed, createKeyPair,
        reKey, reKeyKeyPair);
  }

  /** Every handler, the base ones included, by operation. */
  Map<Operation, OperationHandler> byOperation() {
    List<OperationHandler> all = new ArrayList<>(base.all());
    all.addAll(mine());
    Map<Operation, OperationHandler> m = new EnumMap<>(Operation.class);
    for (OperationHandler h : all) {
      m.put(h.operation(), h);
    }
    return m;
  }
}
