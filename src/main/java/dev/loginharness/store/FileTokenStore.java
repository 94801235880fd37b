package dev.loginharness.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code <dir>/<provider>/<account>.json}, with {@code <account>.lock} beside it. */
final class FileTokenStore implements TokenStore {
  /**
   * How long a read waits to move a corrupt file aside. Short: the holder may be a login waiting
   * for a person, and the read can report the corruption without moving anything.
   */
  private static final Duration SET_ASIDE_TIMEOUT = Duration.ofSeconds(5);

  private final Path dir;

  FileTokenStore(Path dir) {
    // Absolute, so every message names a file the user can find whatever their working directory.
    this.dir = dir.toAbsolutePath().normalize();
  }

  @Override
  public Path pathOf(String provider, String account) throws StoreException {
    StoreNames.check(provider, account);
    return dir.resolve(provider).resolve(account + ".json");
  }

  @Override
  public java.util.List<StoreKey> entries() throws StoreException {
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (var providers = Files.list(dir)) {
      java.util.List<StoreKey> keys = new java.util.ArrayList<>();
      for (Path providerDir : providers.filter(Files::isDirectory).toList()) {
        String provider = providerDir.getFileName().toString();
        if (!StoreNames.isValid(provider)) {
          continue;
        }
        try (var files = Files.list(providerDir)) {
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .map(n -> n.substring(0, n.length() - ".json".length()))
              .filter(StoreNames::isValid)
              .forEach(account -> keys.add(new StoreKey(provider, account)));
        }
      }
      keys.sort(
          java.util.Comparator.comparing(StoreKey::provider).thenComparing(StoreKey::account));
      return keys;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StoreException(
          "token store " + dir + " cannot be listed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public Optional<StoredTokens> read(String provider, String account) throws StoreException {
    Path file = pathOf(provider, account);
    PrivateFiles.requirePrivate(dir, file, true);
    Optional<byte[]> content = contentOf(file);
    if (content.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decode(file, content.get(), provider, account));
    } catch (CorruptTokenFile e) {
      return setAsideIfStillCorrupt(file, provider, account, e.getMessage());
    }
  }

  /**
   * Moving a file aside without the lock could move a good file that another process renamed into
   * place a moment after this one read the bad one. So: lock, read again, and only then move.
   */
  private Optional<StoredTokens> setAsideIfStillCorrupt(
      Path file, String provider, String account, String reason) throws StoreException {
    AtomicBoolean locked = new AtomicBoolean();
    try {
      return locked(
          provider,
          account,
          SET_ASIDE_TIMEOUT,
          () -> {
            locked.set(true);
            Optional<byte[]> again = contentOf(file);
            if (again.isEmpty()) {
              return Optional.empty();
            }
            try {
              return Optional.of(decode(file, again.get(), provider, account));
            } catch (CorruptTokenFile stillCorrupt) {
              Path aside = moveAside(file, stillCorrupt.getMessage());
              throw new StoreException(
                  "token store file "
                      + file
                      + " is corrupt ("
                      + stillCorrupt.getMessage()
                      + "); kept as "
                      + aside);
            }
          });
    } catch (StoreException e) {
      if (locked.get()) {
        throw e;
      }
      throw new StoreException(
          "token store file "
              + file
              + " is corrupt ("
              + reason
              + "); left in place because "
              + e.getMessage(),
          e);
    }
  }

  private static StoredTokens decode(Path file, byte[] content, String provider, String account)
      throws CorruptTokenFile, StoreException {
    return TokenFileCodec.decode(file, content, provider, account, modifiedAt(file));
  }

  private static Path moveAside(Path file, String reason) throws StoreException {
    long millis = System.currentTimeMillis();
    // Never replace an earlier corrupt copy: it may be the one someone is trying to debug.
    for (int attempt = 0; ; attempt++) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + (millis + attempt));
      try {
        Files.move(file, aside);
        PrivateFiles.fsyncDirectory(file.getParent());
        return aside;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw new StoreException(
              "token store file "
                  + file
                  + " is corrupt ("
                  + reason
                  + ") and could not be moved aside: too many corrupt copies already",
              e);
        }
      } catch (IOException e) {
        throw new StoreException(
            "token store file "
                + file
                + " is corrupt ("
                + reason
                + ") and could not be moved aside: "
                + describe(e),
            e);
      }
    }
  }

  @Override
  public void write(String provider, String account, StoredTokens tokens) throws StoreException {
    Path file = pathOf(provider, account);
    if (!tokens.provider().equals(provider) || !tokens.account().equals(account)) {
      throw new IllegalArgumentException(
          "tokens of "
              + tokens.provider()
              + "/"
              + tokens.account()
              + " written under "
              + provider
              + "/"
              + account);
    }
    byte[] content = TokenFileCodec.encode(tokens);
    // The file itself is replaced by a private one; a directory others can write is not fixed by
    // that.
    PrivateFiles.requirePrivate(dir, file, false);
    try {
      PrivateFiles.createDirectories(file.getParent());
      PrivateFiles.replace(file, content);
    } catch (IOException e) {
      throw new StoreException("could not write token store file " + file + ": " + describe(e), e);
    }
  }

  @Override
  public boolean delete(String provider, String account) throws StoreException {
    Path file = pathOf(provider, account);
    try {
      boolean deleted = Files.deleteIfExists(file);
      if (deleted) {
        PrivateFiles.fsyncDirectory(file.getParent());
      }
      // The lock file stays: deleting it while another process waits on it would let two
      // processes each hold a lock on a different file of the same name.
      return deleted;
    } catch (IOException e) {
      throw new StoreException("could not delete token store file " + file + ": " + describe(e), e);
    }
  }

  @Override
  public <T, E extends Exception> T locked(
      String provider, String account, Duration timeout, LockedAction<T, E> action)
      throws StoreException, E {
    Path providerDir = pathOf(provider, account).getParent();
    Path lockFile;
    try {
      PrivateFiles.createDirectories(providerDir);
      // Canonical, so two spellings of the same directory (a symlink, "a/../a") share one
      // in-JVM lock; otherwise the second would fail on the JVM-wide file lock, not wait.
      lockFile = providerDir.toRealPath().resolve(account + ".lock");
    } catch (IOException e) {
      throw new StoreException(
          "could not create token store directory " + providerDir + ": " + describe(e), e);
    }
    PrivateFiles.requirePrivate(dir, lockFile, false);
    return Locks.acrossProcesses(lockFile, timeout, action);
  }

  private static Optional<byte[]> contentOf(Path file) throws StoreException {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("could not read token store file " + file + ": " + describe(e), e);
    }
  }

  private static Instant modifiedAt(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH; // only used when the file lacks obtained_at; "long ago" is safe
    }
  }

  /** "Permission denied", not "java.nio.file.AccessDeniedException: /same/path/again". */
  private static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String what = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
      return f.getFile() != null ? what + " (" + f.getFile() + ")" : what;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "TokenStore.at(" + dir + ")";
  }
}
