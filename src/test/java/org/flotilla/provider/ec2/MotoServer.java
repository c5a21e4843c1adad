package org.flotilla.provider.ec2;

import org.flotilla.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * moto's EC2 server on a free loopback port, for the tests: started with python3, stopped by its pid.
 * Its instances' addresses are made up: nothing may connect to them.
 */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MotoServer start() throws IOException, InterruptedException {
        int port;
        port = FreePorts.loopback();
        Path log = Files.createTempFile("moto-", ".log");
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // moto reloads its catalogue of public AMIs at every reset (0.3-0.6 s of its CPU each, and
        // the tests reset before every test and every run); nothing here lists images, and
        // RunInstances takes any AMI id either way.
        pb.environment().put("MOTO_EC2_LOAD_DEFAULT_AMIS", "false");
        Process p = pb.start();
        MotoServer moto = new MotoServer(p, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                moto.reset();
                return moto;
            } catch (IOException notYet) {
                if (!p.isAlive()) throw new IOException("moto exited: " + Files.readString(log));
                if (System.nanoTime() > deadline) {
                    moto.close();
                    throw new IOException("moto did not answer on port " + port + " within 60 s: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Forgets every instance. */
    void reset() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("moto reset answered " + r.statusCode());
    }

    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }
}
