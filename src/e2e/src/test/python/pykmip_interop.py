#!/usr/bin/python3
"""Every operation of the Debian PyKMIP 0.10 client (kmip.pie.client.ProxyKmipClient), plus its
proxy's Discover Versions and Query, against one KMIP server, once per KMIP version the client
speaks (1.0 to 2.0). PyKmipInteropIT runs it against Keyfed and requires every step to pass.

One line per step: "PASS|FAIL|SKIP <version> <operation>: <detail>". In a version that lacks an
operation (Discover Versions before 1.1; Encrypt, Decrypt, Sign, Signature Verify and MAC before
1.2) the step passes when the server refuses it with Operation Not Supported. A SKIP names an
operation the client itself refuses to encode in that version (Set Attribute, which PyKMIP sends
only as 2.0). Exit status 0 when nothing failed.

Usage: /usr/bin/python3 pykmip_interop.py --host H --port P --ca CA --cert CERT --key KEY
       [--versions 1.0,1.1,1.2,1.3,1.4,2.0]
"""
import argparse
import sys
import time
import traceback

from kmip.core import enums
from kmip.core import exceptions as core_exceptions
from kmip.core import objects as cobjects
from kmip.core import primitives
from kmip.core.factories import attributes as attribute_factory
from kmip.pie import client as pie_client
from kmip.pie import exceptions as pie_exceptions
from kmip.pie import objects

VERSIONS = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
    "2.0": enums.KMIPVersion.KMIP_2_0,
}

USAGE = enums.CryptographicUsageMask

# Operations that came after KMIP 1.0: in an older version the server must refuse them
# (Operation Not Supported) — that refusal is the step's expected result there.
SINCE = {"set_attribute": "2.0", "discover_versions": "1.1", "encrypt+decrypt": "1.2", "sign+signature_verify": "1.2", "mac": "1.2"}


class Skip(Exception):
    pass


class Steps:
    def __init__(self, version):
        self.version = version
        self.failed = 0

    def run(self, name, fn):
        since = SINCE.get(name)
        if since and self.version < since:
            fn = refused_in(self.version, fn)
        try:
            detail = fn()
            status = "PASS"
        except Skip as e:
            status, detail = "SKIP", str(e)
        except Exception as e:  # every failure is reported, the next step still runs
            status, detail = "FAIL", "{}: {}".format(type(e).__name__, e)
            self.failed += 1
            traceback.print_exc(file=sys.stderr)
        print("{} {} {}: {}".format(status, self.version, name, "" if detail is None else detail))
        sys.stdout.flush()


def refused_in(version, fn):
    def check():
        try:
            fn()
        except pie_exceptions.KmipOperationFailure as e:
            assert e.reason == enums.ResultReason.OPERATION_NOT_SUPPORTED, e
            return "refused (Operation Not Supported): not in KMIP {}".format(version)
        except core_exceptions.VersionNotSupported as e:
            raise Skip("the client cannot send it in KMIP {}: {}".format(version, e))
        raise AssertionError("accepted in KMIP {}, which does not define it".format(version))
    return check


def scenario(args, version):
    s = Steps(version)
    v2 = version == "2.0"
    f = attribute_factory.AttributeFactory()
    tag = "interop-{}-{}".format(version, int(time.time() * 1000))
    st = {}

    def need(k):
        if k not in st:
            raise Skip("needs the result of an earlier step ({})".format(k))
        return st[k]

    client = pie_client.ProxyKmipClient(hostname=args.host, port=args.port, cert=args.cert, key=args.key,
                                        ca=args.ca, ssl_version=None, kmip_version=VERSIONS[version])
    with client as c:
        def discover():
            # Through the proxy's own request building; its result parser cannot read a refusal.
            proxy = c.proxy
            request = proxy._build_request_message(None, [proxy._build_discover_versions_batch_item(None)])
            item = proxy._send_and_receive_message(request).batch_items[0]
            if item.result_status.value != enums.ResultStatus.SUCCESS:
                raise pie_exceptions.KmipOperationFailure(item.result_status.value, item.result_reason.value,
                                                          item.result_message.value)
            return ["{}.{}".format(p.major, p.minor) for p in item.response_payload.protocol_versions]
        s.run("discover_versions", discover)

        def query():
            r = c.proxy.query(query_functions=[enums.QueryFunction.QUERY_OPERATIONS,
                                               enums.QueryFunction.QUERY_OBJECTS])
            assert r.operations, "no operations listed"
            return "{} operations".format(len(r.operations))
        s.run("query", query)

        def create():
            st["aes"] = c.create(enums.CryptographicAlgorithm.AES, 256, name=tag + "-aes",
                                 cryptographic_usage_mask=[USAGE.ENCRYPT, USAGE.DECRYPT])
            return st["aes"]
        s.run("create", create)

        def create_key_pair():
            st["public"], st["private"] = c.create_key_pair(
                enums.CryptographicAlgorithm.RSA, 2048,
                public_usage_mask=[USAGE.VERIFY], private_usage_mask=[USAGE.SIGN])
            return "{} / {}".format(st["public"], st["private"])
        s.run("create_key_pair", create_key_pair)

        def register():
            secret = objects.SecretData(b"interop-password-" + version.encode(), enums.SecretDataType.PASSWORD,
                                        masks=[USAGE.DERIVE_KEY])
            st["secret"] = c.register(secret)
            return st["secret"]
        s.run("register", register)

        def get():
            key = c.get(need("aes"))
            assert len(key.value) == 32, len(key.value)
            return "{} bytes".format(len(key.value))
        s.run("get", get)

        def get_attributes():
            uid, attrs = c.get_attributes(need("aes"), ["Cryptographic Algorithm", "Cryptographic Length", "Name"])
            names = sorted({a.attribute_name.value for a in attrs})
            assert "Cryptographic Length" in names, names
            return names
        s.run("get_attributes", get_attributes)

        def get_attribute_list():
            names = c.get_attribute_list(need("aes"))
            assert "Cryptographic Algorithm" in names, names
            return "{} names".format(len(names))
        s.run("get_attribute_list", get_attribute_list)

        def locate():
            uids = c.locate(attributes=[f.create_attribute(enums.AttributeType.NAME, tag + "-aes")])
            assert uids == [need("aes")], uids
            return uids
        s.run("locate", locate)

        def activate():
            for k in ("aes", "private", "public"):
                c.activate(need(k))
        s.run("activate", activate)

        def check():
            return c.check(need("aes"), cryptographic_usage_mask=[USAGE.ENCRYPT])
        s.run("check", check)

        def encrypt_decrypt():
            params = {"cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
                      "block_cipher_mode": enums.BlockCipherMode.CBC,
                      "padding_method": enums.PaddingMethod.PKCS5}
            iv = b"\x01" * 16
            data = b"interop plaintext " + version.encode()
            ciphertext, _ = c.encrypt(data, uid=need("aes"), cryptographic_parameters=params, iv_counter_nonce=iv)
            plain = c.decrypt(ciphertext, uid=need("aes"), cryptographic_parameters=params, iv_counter_nonce=iv)
            assert plain == data, plain
            return "{} ciphertext bytes".format(len(ciphertext))
        s.run("encrypt+decrypt", encrypt_decrypt)

        def sign_verify():
            params = {"padding_method": enums.PaddingMethod.PKCS1v15,
                      "cryptographic_algorithm": enums.CryptographicAlgorithm.RSA,
                      "hashing_algorithm": enums.HashingAlgorithm.SHA_256}
            message = b"interop message " + version.encode()
            signature = c.sign(message, uid=need("private"), cryptographic_parameters=params)
            valid = c.signature_verify(message, signature, uid=need("public"), cryptographic_parameters=params)
            assert valid == enums.ValidityIndicator.VALID, valid
            bad = c.signature_verify(message + b"!", signature, uid=need("public"), cryptographic_parameters=params)
            assert bad == enums.ValidityIndicator.INVALID, bad
            return "{} signature bytes, verified".format(len(signature))
        s.run("sign+signature_verify", sign_verify)

        def mac():
            st["hmac"] = c.create(enums.CryptographicAlgorithm.HMAC_SHA256, 256,
                                  cryptographic_usage_mask=[USAGE.MAC_GENERATE, USAGE.MAC_VERIFY])
            c.activate(st["hmac"])
            uid, value = c.mac(b"interop mac data", uid=st["hmac"], algorithm=enums.CryptographicAlgorithm.HMAC_SHA256)
            assert len(value) == 32, len(value)
            return "{} MAC bytes".format(len(value))
        s.run("mac", mac)

        def derive_key():
            base = c.create(enums.CryptographicAlgorithm.HMAC_SHA256, 256, cryptographic_usage_mask=[USAGE.DERIVE_KEY])
            c.activate(base)
            derived = c.derive_key(
                enums.ObjectType.SYMMETRIC_KEY, [base], enums.DerivationMethod.HMAC,
                {"cryptographic_parameters": {"hashing_algorithm": enums.HashingAlgorithm.SHA_256},
                 "derivation_data": b"interop derivation data", "salt": b"interop salt"},
                cryptographic_algorithm=enums.CryptographicAlgorithm.AES, cryptographic_length=128)
            key = c.get(derived)
            assert len(key.value) == 16, len(key.value)
            return derived
        s.run("derive_key", derive_key)

        def set_attribute():
            uid = c.set_attribute(need("aes"), attribute_name="Contact Information", attribute_value="interop ops")
            assert uid == need("aes"), uid
            st["contact"] = True
        s.run("set_attribute", set_attribute)

        def modify_attribute():
            if v2:
                # The single-valued Contact Information that set_attribute put there.
                need("contact")
                current = cobjects.CurrentAttribute(attribute=primitives.TextString(
                    "interop ops", tag=enums.Tags.CONTACT_INFORMATION))
                new = cobjects.NewAttribute(attribute=primitives.TextString(
                    "interop ops, second shift", tag=enums.Tags.CONTACT_INFORMATION))
                uid, _ = c.modify_attribute(need("aes"), current_attribute=current, new_attribute=new)
                assert uid == need("aes"), uid
                _, attrs = c.get_attributes(need("aes"), ["Contact Information"])
                values = [a.attribute_value.value for a in attrs]
                assert values == ["interop ops, second shift"], values
            else:
                name = f.create_attribute(enums.AttributeType.NAME, tag + "-renamed")
                attribute = cobjects.Attribute(attribute_name=cobjects.Attribute.AttributeName("Name"),
                                               attribute_index=cobjects.Attribute.AttributeIndex(0),
                                               attribute_value=name.attribute_value)
                uid, _ = c.modify_attribute(need("aes"), attribute=attribute)
                assert uid == need("aes"), uid
                found = c.locate(attributes=[f.create_attribute(enums.AttributeType.NAME, tag + "-renamed")])
                assert found == [need("aes")], found
        s.run("modify_attribute", modify_attribute)

        def delete_attribute():
            if v2:
                current = cobjects.CurrentAttribute(attribute=primitives.TextString(
                    "interop ops, second shift", tag=enums.Tags.CONTACT_INFORMATION))
                uid, _ = c.delete_attribute(need("aes"), current_attribute=current)
                assert uid == need("aes"), uid
                _, attrs = c.get_attributes(need("aes"), ["Contact Information"])
                assert attrs == [], attrs
            else:
                uid, _ = c.delete_attribute(need("aes"), attribute_name="Name", attribute_index=0)
                assert uid == need("aes"), uid
                found = c.locate(attributes=[f.create_attribute(enums.AttributeType.NAME, tag + "-renamed")])
                assert found == [], found
        s.run("delete_attribute", delete_attribute)

        def rekey():
            new = c.rekey(uid=need("aes"))
            assert new != need("aes"), new
            return new
        s.run("rekey", rekey)

        def revoke():
            c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, need("aes"))
            c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, need("hmac"))
        s.run("revoke", revoke)

        def destroy():
            for k in ("aes", "hmac", "secret"):
                c.destroy(need(k))
            try:
                c.get(need("aes"))
            except Exception:  # a destroyed key is not served
                return "destroyed"
            raise AssertionError("a destroyed key was served")
        s.run("destroy", destroy)
    return s.failed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--versions", default=",".join(VERSIONS))
    args = p.parse_args()
    failed = 0
    for v in args.versions.split(","):
        failed += scenario(args, v)
    print("failed={}".format(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
