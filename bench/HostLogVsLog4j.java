import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.flotilla.fleet.Run;
import org.flotilla.output.HostLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Host logs written by output/HostLog against Log4j 2 routing each host's lines to a file of its own
 * (a Routing appender keyed on the host, as a Log4j host log would be): a fleet of HOSTS hosts, LINES
 * lines each, written by 16 threads as a configure pass would. Prints milliseconds per phase and the
 * open files each leaves. Not a test.
 *   mvn -q -o -DskipTests package && java -cp target/flotilla.jar bench/HostLogVsLog4j.java [HOSTS] [LINES]
 */
public class HostLogVsLog4j {
    static final String CONFIG = """
            <Configuration shutdownHook="disable">
              <Appenders>
                <Routing name="hosts">
                  <Routes pattern="$${ctx:host}">
                    <Route>
                      <File name="host-${ctx:host}" fileName="DIR/${ctx:host}.log">
                        <PatternLayout pattern="%masked{%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}{UTC} %m%n}"/>
                      </File>
                    </Route>
                  </Routes>
                </Routing>
              </Appenders>
              <Loggers><Root level="info"><AppenderRef ref="hosts"/></Root></Loggers>
            </Configuration>
            """;

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path tmp = Files.createTempDirectory("hostlog-bench");
        Run run = new Run("bench", tmp.resolve("runs/bench"));
        HostLog direct = new HostLog(run);
        Path log4jDir = tmp.resolve("log4j");
        Path config = Files.writeString(tmp.resolve("hosts.xml"), CONFIG.replace("DIR", log4jDir.toString()));

        long t0 = System.nanoTime();
        Configurator.reconfigure(config.toUri()); // the process's one context, whoever started it
        Logger logger = LogManager.getLogger("host");
        long init = System.nanoTime() - t0;

        long fdsBefore = openFiles();
        for (int round = 0; round < 3; round++) {
            String r = "round " + round + " ";
            long first = time(hosts, 1, (h, i) -> direct.write(h, r + "reachable: logged in to 127.0.0.1:2222"));
            long rest = time(hosts, lines - 1, (h, i) -> direct.write(h, r + "setup step " + i + ": exit 0"));
            long firstL = time(hosts, 1, (h, i) -> withHost(h, () -> logger.info(r + "reachable: logged in to 127.0.0.1:2222")));
            long restL = time(hosts, lines - 1, (h, i) -> withHost(h, () -> logger.info(r + "setup step " + i + ": exit 0")));
            System.out.printf("round %d, %d hosts x %d lines: HostLog first line %d ms, rest %d ms | Log4j first line %d ms, rest %d ms%n",
                    round, hosts, lines, first / 1_000_000, rest / 1_000_000, firstL / 1_000_000, restL / 1_000_000);
        }
        System.out.printf("Log4j configuration with the routing appender: %d ms; files held open afterwards: %d more (HostLog holds none)%n",
                init / 1_000_000, openFiles() - fdsBefore);
        try (var files = Files.list(log4jDir)) {
            System.out.printf("host files: HostLog %d, Log4j %d%n", Files.list(run.dir().resolve("hosts")).count(), files.count());
        }
        LogManager.shutdown();
    }

    static long openFiles() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    interface Write {
        void line(String host, int index) throws Exception;
    }

    static void withHost(String host, Runnable r) {
        ThreadContext.put("host", host);
        try {
            r.run();
        } finally {
            ThreadContext.remove("host");
        }
    }

    /** Nanoseconds for {@code perHost} lines to each host, hosts spread over 16 threads. */
    static long time(int hosts, int perHost, Write write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            String host = "client-" + h;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perHost; i++) write.line(host, i);
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        long t = System.nanoTime() - t0;
        pool.shutdown();
        return t;
    }
}
