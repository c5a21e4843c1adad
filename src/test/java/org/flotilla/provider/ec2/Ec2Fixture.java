package org.flotilla.provider.ec2;

import org.flotilla.cli.Cli;
import org.flotilla.ssh.ClientKey;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the EC2 tests share: a scenario file against an endpoint, the CLI in-process, and moto's view of the instances. */
final class Ec2Fixture {
    /** The dummy credentials surefire puts in the environment (pom.xml); they must never show up anywhere. */
    static final String ACCESS_KEY = System.getenv("AWS_ACCESS_KEY_ID");
    static final String SECRET_KEY = System.getenv("AWS_SECRET_ACCESS_KEY");

    final Path dir;
    final Path config;
    final Path runs;

    Ec2Fixture(Path dir, URI endpoint, String extra) throws IOException {
        this.dir = dir;
        this.runs = dir.resolve("runs");
        Path key = dir.resolve("id_ecdsa");
        if (!Files.exists(key)) ClientKey.generate(key, "flotilla-test");
        Files.createDirectories(dir.resolve("resources"));
        this.config = dir.resolve("ec2-test.conf");
        Files.writeString(config, """
                provider = ec2
                runs-dir = "%s"
                resources-dir = "%s"
                provision.poll-interval = 100ms
                ssh.key = "%s"
                ec2 {
                  region = eu-west-1
                  endpoint = "%s"
                  image = ami-12345678
                  instance-types = [t3.micro]
                }
                roles {
                  client { count = 1 }
                }
                %s
                """.formatted(runs, dir.resolve("resources"), key, endpoint, extra));
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** moto's instances, as an admin would list them (not through Flotilla's code). */
    static List<Instance> instances(URI endpoint) {
        try (Ec2Client c = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(endpoint)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            List<Instance> out = new ArrayList<>();
            for (var page : c.describeInstancesPaginator(b -> b.maxResults(1000))) {
                for (Reservation r : page.reservations()) out.addAll(r.instances());
            }
            return out;
        }
    }

    static long running(URI endpoint) {
        return instances(endpoint).stream().filter(i -> i.state().name() == InstanceStateName.RUNNING
                || i.state().name() == InstanceStateName.PENDING).count();
    }

    /** No dummy key in any file under the run directories, nor in what the commands printed. */
    void assertNoSecrets(String... printed) throws IOException {
        assertThat(ACCESS_KEY).as("surefire sets the dummy AWS keys").isNotBlank();
        for (String p : printed) {
            assertThat(p).doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY);
        }
        if (!Files.isDirectory(runs)) return;
        try (Stream<Path> files = Files.walk(runs)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY);
            }
        }
    }
}
