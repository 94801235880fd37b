package dev.loginharness.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Files only their owner can read, replaced atomically. Permissions are set at creation, never
 * after: a token file that is 0644 for a moment is readable by whoever was watching.
 *
 * <p>Files and directories found with looser permissions (copied from a backup, unpacked with
 * another umask, changed by hand) are refused, not repaired — as ssh refuses a private key others
 * can read. A repair would hide what the user needs to know: the tokens may already have been read,
 * or a directory others can write may hold a file one of them put there, and only the user can tell
 * whether to revoke. The refusal says the command that fixes it.
 */
final class PrivateFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /** Longer than any write takes, so a temp file this old belongs to a run that died. */
  static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

  private PrivateFiles() {}

  /** 0600 where the file system has POSIX permissions; nothing elsewhere (Windows uses ACLs). */
  static FileAttribute<?>[] fileAttributes(Path dir) {
    return posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  /** Creates every missing directory of {@code dir} with 0700; existing ones are left alone. */
  static void createDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.push(p);
    }
    boolean posix = posix(dir);
    for (Path p : missing) {
      try {
        if (posix) {
          Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIRECTORY));
          // The umask may have taken bits away from the mode above; it can never add any, but be
          // explicit so the result does not depend on it.
          Files.setPosixFilePermissions(p, DIRECTORY);
        } else {
          Files.createDirectory(p);
        }
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
        // Another process created it at the same moment: fine.
      }
    }
  }

  /**
   * Replaces {@code target} with {@code content}: temp file in the same directory (0600 from
   * creation), fsync, rename over the target, fsync the directory. A crash before the rename leaves
   * the old file and a temp file that a later write removes; after it, the new file.
   */
  static void replace(Path target, byte[] content) throws IOException {
    Path dir = target.getParent();
    String tempPrefix = "." + target.getFileName() + ".";
    removeStaleTemps(dir, tempPrefix);
    Path temp = Files.createTempFile(dir, tempPrefix, ".tmp", fileAttributes(dir));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // Without this the rename can reach the disk before the data: after a power cut the
        // file would exist, complete in name and empty in content.
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    fsyncDirectory(dir);
  }

  /**
   * Makes a rename or delete in {@code dir} durable; a no-op where directories cannot be opened.
   */
  static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a directory as a channel, and its renames need no separate flush.
    }
  }

  /** Temp files left by runs that died between creating and renaming them. Best effort. */
  private static void removeStaleTemps(Path dir, String tempPrefix) {
    // Names contain no glob metacharacters (StoreNames), so the prefix can be used as is.
    Instant staleBefore = Instant.now().minus(STALE_TEMP_AGE);
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, tempPrefix + "*.tmp")) {
      for (Path temp : temps) {
        try {
          if (Files.getLastModifiedTime(temp).toInstant().isBefore(staleBefore)) {
            Files.deleteIfExists(temp);
          }
        } catch (IOException e) {
          // Gone already, or not ours to delete: either way not a reason to fail a write.
        }
      }
    } catch (IOException e) {
      // Same.
    }
  }

  /**
   * Refuses a token file that others may read or write (any group or other bit) and a store or
   * provider directory that others may write; a directory others may only list is accepted, as ssh
   * accepts a 0755 {@code ~/.ssh}. Missing files and directories pass: there is nothing to expose.
   *
   * @param storeDir the store's root; {@code file} is {@code <storeDir>/<provider>/<account>.json}
   * @param file the token file, or (when only directories matter) its would-be path
   */
  static void requirePrivate(Path storeDir, Path file, boolean checkFile) throws StoreException {
    requirePrivate(
        storeDir,
        file,
        checkFile,
        "token store file",
        "so its tokens may have been",
        " (and revoke the tokens if someone else may have read them)");
  }

  /**
   * {@link #requirePrivate(Path, Path, boolean)} for a file of another kind: {@code what} names it,
   * {@code risk} says what others' access means, {@code advice} follows the fix.
   */
  static void requirePrivate(
      Path storeDir, Path file, boolean checkFile, String what, String risk, String advice)
      throws StoreException {
    if (!posix(storeDir)) {
      return;
    }
    for (Path dir : new Path[] {storeDir, file.getParent()}) {
      Set<PosixFilePermission> mode = modeOf(dir);
      if (mode != null
          && (mode.contains(PosixFilePermission.GROUP_WRITE)
              || mode.contains(PosixFilePermission.OTHERS_WRITE))) {
        throw new StoreException(
            "token store directory "
                + dir
                + " can be written by others (mode "
                + octal(mode)
                + "), so a file in it may not be yours; fix with: chmod 700 "
                + dir);
      }
    }
    Set<PosixFilePermission> mode = checkFile ? modeOf(file) : null;
    if (mode != null && !FILE.containsAll(mode)) {
      throw new StoreException(
          what
              + " "
              + file
              + " can be read by others (mode "
              + octal(mode)
              + "), "
              + risk
              + "; fix with: chmod 600 "
              + file
              + advice);
    }
  }

  /** {@link #requirePrivate} as a yes or no, for the lean reader that never reports. */
  static boolean isPrivate(Path storeDir, Path file) {
    try {
      requirePrivate(storeDir, file, true);
      return true;
    } catch (StoreException e) {
      return false;
    }
  }

  /** Null when {@code path} does not exist (or a file stands where a directory should). */
  private static Set<PosixFilePermission> modeOf(Path path) throws StoreException {
    if (!Files.exists(path)) {
      return null; // the write that would need it reports why it cannot create it
    }
    try {
      return Files.getPosixFilePermissions(path);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StoreException("could not read the permissions of " + path + ": " + e, e);
    }
  }

  /** "0644", as chmod and ls users know it. */
  private static String octal(Set<PosixFilePermission> mode) {
    int bits = 0;
    for (PosixFilePermission p : mode) {
      bits |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", bits);
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
