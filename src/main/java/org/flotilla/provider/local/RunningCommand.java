package org.flotilla.provider.local;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A command the runner started: its streams once they have come in, its exit code once it has ended. */
final class RunningCommand {
    private final long id;
    private final CommandRunner runner;
    private final CompletableFuture<Stdio> stdio;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    RunningCommand(long id, CommandRunner runner, CompletableFuture<Stdio> stdio) {
        this.id = id;
        this.runner = runner;
        this.stdio = stdio;
    }

    long id() {
        return id;
    }

    /** Waits for the command's three streams. */
    Stdio stdio() throws IOException {
        return await(stdio);
    }

    /** Waits for the command's exit code (128 + N when signal N ended it). */
    int exitCode() throws IOException {
        return await(exit);
    }

    /** Ends the command and whatever it started in its process group, unless it has ended already. */
    void kill() {
        if (!exit.isDone()) runner.kill(id);
    }

    void ended(int code) {
        exit.complete(code);
    }

    /** The runner cannot tell how this command ends: its waiters learn why, and its streams close so no one blocks on them. */
    void lost(IOException why) {
        exit.completeExceptionally(why);
        stdio.completeExceptionally(why);
        stdio.thenAccept(Stdio::close);
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        }
    }
}
