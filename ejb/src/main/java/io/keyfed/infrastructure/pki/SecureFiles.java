package io.keyfed.infrastructure.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Crash-safe, permission-safe file writes for keys and certificates.
 *
 * <p>Content goes to a temporary file in the target's directory, created with mode 600 so that a
 * key is never readable by others even for a moment, is flushed to disk, gets its final mode and is
 * then renamed over the target. A crash leaves either the old file or the new one, never half a
 * key. On file systems without POSIX permissions (Windows) the modes are skipped.
 */
final class SecureFiles {

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Writes a private key (or anything secret): mode 600. */
  static void writeSecret(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.US_ASCII), OWNER_ONLY);
  }

  /** Writes a certificate (or anything public): mode 644. */
  static void writePublic(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.US_ASCII), WORLD_READABLE);
  }

  static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Files.createDirectories(directory);
    boolean posix = isPosix(directory);
    String prefix = "." + target.getFileName() + ".";
    Path temporary =
        posix
            ? Files.createTempFile(
                directory, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(directory, prefix, ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (posix) {
        Files.setPosixFilePermissions(temporary, mode);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Creates a directory (and its parents) readable by the owner only; an existing one is kept. */
  static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Path parent = directory.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (isPosix(parent == null ? directory : parent)) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
    } else {
      Files.createDirectories(directory);
    }
  }

  /** Whether group or others may read the file (a private key should be 600). */
  static boolean readableByOthers(Path file) {
    try {
      if (!isPosix(file.toAbsolutePath().getParent())) {
        return false;
      }
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      return mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isPosix(Path directory) throws IOException {
    return Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  /** Makes the rename itself durable; not possible everywhere (Windows), hence best effort. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // The file's content is already on disk; only the directory entry may be lost in a crash.
    }
  }
}
