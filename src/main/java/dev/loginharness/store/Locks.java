package dev.loginharness.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two locks in one: a {@link ReentrantLock} per key for the threads of this JVM, and an OS file
 * lock for other processes. Both are needed because file locks belong to the whole JVM: a second
 * thread asking for one gets {@link OverlappingFileLockException} instead of waiting, and POSIX
 * drops every lock a process holds on a file when any of its descriptors for it is closed. Taking
 * the in-JVM lock first means at most one channel per lock file is ever open here.
 */
final class Locks {
  /** Between tryLock attempts; file locks cannot be waited on with a timeout. */
  private static final long POLL_MILLIS = 20;

  /**
   * Never pruned: an entry is one small object per account used by this process, and removing
   * entries safely would need reference counting for no real gain.
   */
  private static final ConcurrentMap<Object, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private Locks() {}

  /** Holds the lock only among the threads of this JVM. */
  static <T, E extends Exception> T inJvm(
      Object key, String description, Duration timeout, LockedAction<T, E> action)
      throws StoreException, E {
    ReentrantLock lock = acquireInJvm(key, description, timeout);
    try {
      return action.run();
    } finally {
      lock.unlock();
    }
  }

  /** Holds the lock among threads and processes; {@code lockFile} must be canonical. */
  static <T, E extends Exception> T acrossProcesses(
      Path lockFile, Duration timeout, LockedAction<T, E> action) throws StoreException, E {
    long deadline = System.nanoTime() + timeout.toNanos();
    ReentrantLock jvmLock = acquireInJvm(lockFile, lockFile.toString(), timeout);
    try {
      if (jvmLock.getHoldCount() > 1) {
        // This thread already holds the file lock further up the stack; locking again would throw.
        return action.run();
      }
      FileChannel channel = open(lockFile);
      try {
        FileLock fileLock = pollFileLock(channel, lockFile, timeout, deadline);
        try {
          return action.run();
        } finally {
          releaseQuietly(fileLock);
        }
      } finally {
        closeQuietly(channel);
      }
    } finally {
      jvmLock.unlock();
    }
  }

  private static ReentrantLock acquireInJvm(Object key, String description, Duration timeout)
      throws StoreException {
    ReentrantLock lock = JVM_LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    try {
      if (!lock.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        throw timedOut(description, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the lock on " + description, e);
    }
    return lock;
  }

  private static FileChannel open(Path lockFile) throws StoreException {
    try {
      return FileChannel.open(
          lockFile,
          Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          PrivateFiles.fileAttributes(lockFile.getParent()));
    } catch (IOException e) {
      throw new StoreException("could not open the lock file " + lockFile + ": " + e, e);
    }
  }

  private static FileLock pollFileLock(
      FileChannel channel, Path lockFile, Duration timeout, long deadline) throws StoreException {
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // Someone in this JVM locked the file outside this class; treat it like another process.
      } catch (IOException e) {
        throw new StoreException("could not lock " + lockFile + ": " + e, e);
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw timedOut(lockFile.toString(), timeout);
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for the lock on " + lockFile, e);
      }
    }
  }

  private static StoreException timedOut(String description, Duration timeout) {
    return new StoreException(
        "timed out after "
            + shown(timeout)
            + " waiting for the lock on "
            + description
            + " (another login-harness run is using this account)");
  }

  /** "250 ms", "2 s", "1.5 s": Duration.toString's "PT1.5S" is not for people. */
  static String shown(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0))
        + " s";
  }

  private static void releaseQuietly(FileLock lock) {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel next releases it anyway.
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // The descriptor is gone either way, and with it the lock.
    }
  }
}
