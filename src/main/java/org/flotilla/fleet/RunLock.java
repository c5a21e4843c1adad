package org.flotilla.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One holder at a time of a run's lock file (runs/&lt;id&gt;/&lt;kind&gt;.lock for a command such as
 * `down`, pki/.lock for the run's PKI), across processes: a second waits for the first and then
 * finds its work done. The kernel drops the lock with its
 * process, so a killed command leaves nothing to clean up. A file lock belongs to the whole
 * process, so threads of one process queue on a lock of their own first.
 */
public final class RunLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private final ReentrantLock threads;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean waited;

    private RunLock(ReentrantLock threads, FileChannel channel, FileLock lock, boolean waited) {
        this.threads = threads;
        this.channel = channel;
        this.lock = lock;
        this.waited = waited;
    }

    /** Takes the run's lock of this kind, waiting while another command holds it. */
    public static RunLock take(Run run, String kind) throws InterruptedException {
        return take(run.dir().resolve(kind + ".lock"));
    }

    /** Takes the lock of this file (made when missing), waiting while another thread or process holds it. */
    public static RunLock take(Path lockFile) throws InterruptedException {
        Path file = lockFile.toAbsolutePath();
        ReentrantLock threads = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        boolean waited = !threads.tryLock();
        if (waited) threads.lockInterruptibly();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    waited = true;
                    lock = channel.lock();
                }
                return new RunLock(threads, channel, lock, waited);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            threads.unlock();
            throw new UncheckedIOException("cannot lock " + file, e);
        } catch (RuntimeException e) {
            threads.unlock();
            throw e;
        }
    }

    /** Whether another command held the lock when this one asked for it. */
    public boolean waited() {
        return waited;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        } finally {
            threads.unlock();
        }
    }
}
