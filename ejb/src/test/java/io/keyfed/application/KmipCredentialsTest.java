package io.keyfed.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keyfed.infrastructure.security.AdminUsers;
import io.keyfed.kmip.spec.CredentialType;
import io.keyfed.kmip.spec.Tag;
import io.keyfed.kmip.ttlv.Ttlv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmipCredentialsTest {

  @TempDir
  Path dir;

  static Ttlv authentication(Ttlv... credentials) {
    return Ttlv.structure(Tag.AUTHENTICATION, credentials);
  }

  static Ttlv usernameAndPassword(String user, String password) {
    List<Ttlv> v = new ArrayList<>();
    v.add(Ttlv.text(Tag.USERNAME, user));
    if (password != null) {
      v.add(Ttlv.text(Tag.PASSWORD, password));
    }
    return Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, CredentialType.USERNAME_AND_PASSWORD),
        Ttlv.structure(Tag.CREDENTIAL_VALUE, v));
  }

  static Ttlv device(String serial, String password) {
    return Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, CredentialType.DEVICE),
        Ttlv.structure(Tag.CREDENTIAL_VALUE, Ttlv.text(Tag.DEVICE_SERIAL_NUMBER, serial), Ttlv.text(Tag.PASSWORD, password)));
  }

  @Test
  void usernameAndPasswordAreCheckedAgainstTheKmipUsersFile() throws Exception {
    Path file = dir.resolve("kmip-users");
    AdminUsers.put(file, "fred", Set.of("kmip"), "password1".toCharArray());
    AdminUsers.put(file, "carol", Set.of("auditor"), "an auditor password".toCharArray());
    KmipCredentials c = KmipCredentials.over(file);

    assertNull(c.refusal(null), "no Authentication: the certificate alone");
    assertNull(c.refusal(authentication(usernameAndPassword("fred", "password1"))));
    assertNull(c.refusal(authentication(usernameAndPassword("fred", "password1"))), "remembered");
    assertEquals("Username and Password credential not accepted",
        c.refusal(authentication(usernameAndPassword("fred", "password2"))));
    assertEquals("Username and Password credential not accepted",
        c.refusal(authentication(usernameAndPassword("nobody", "password1"))));
    assertEquals("Username and Password credential not accepted",
        c.refusal(authentication(usernameAndPassword("carol", "an auditor password"))), "an admin API user is no KMIP user");
    assertEquals("Username and Password credential without a Password cannot be verified",
        c.refusal(authentication(usernameAndPassword("fred", null))));
    assertEquals("Username and Password credential not accepted",
        c.refusal(authentication(usernameAndPassword("fred", "password1"), usernameAndPassword("fred", "wrong"))),
        "every credential must pass");
  }

  @Test
  void deviceCredentialsUnverifiableTypesAndAChangedFile() throws Exception {
    Path file = dir.resolve("kmip-users");
    KmipCredentials c = KmipCredentials.over(file);
    assertEquals("Device credential not accepted", c.refusal(authentication(device("serNum123456", "secret-device"))),
        "no file: nobody");
    AdminUsers.put(file, "serNum123456", Set.of("kmip"), "secret-device".toCharArray());
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertNull(c.refusal(authentication(device("serNum123456", "secret-device"))), "the file is re-read when it changes");

    Ttlv ticket = Ttlv.structure(Tag.CREDENTIAL, Ttlv.enumeration(Tag.CREDENTIAL_TYPE, CredentialType.TICKET),
        Ttlv.structure(Tag.CREDENTIAL_VALUE, List.of()));
    assertEquals("credential type Ticket cannot be verified by this server", c.refusal(authentication(ticket)));
    assertEquals("Authentication without a Credential", c.refusal(authentication()));
  }
}
