package org.flotilla.provider.ec2;

import org.flotilla.config.Ec2Settings;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The EC2 API as Flotilla uses it: every call passes the client-side rate limit first and is
 * counted in {@link ApiUse}. Messages that leave here are scrubbed of anything that looks like
 * an access key id.
 */
public final class Ec2Api implements AutoCloseable {
    /** Instances of a run: the tag every instance is launched with. */
    public static final String RUN_TAG = "flotilla:run";
    public static final String ROLE_TAG = "flotilla:role";

    private final Ec2Client ec2;
    private final Ec2Settings settings;
    private final ApiLimits limits;
    private final ApiUse use;
    private final AwsCredentialsProvider credentials;
    private SsmClient ssm;

    public Ec2Api(Ec2Settings settings, ApiUse use, ApiLimits limits) {
        this.settings = settings;
        this.use = use;
        this.limits = limits;
        this.credentials = credentials(settings);
        var builder = Ec2Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(http())
                .overrideConfiguration(override(settings, use));
        settings.endpoint().ifPresent(builder::endpointOverride);
        this.ec2 = builder.build();
    }

    /** With an emulator on loopback, never ask the instance-metadata service (it is off this machine). */
    private static AwsCredentialsProvider credentials(Ec2Settings s) {
        if (s.emulated()) {
            List<AwsCredentialsProvider> chain = new ArrayList<>(List.of(SystemPropertyCredentialsProvider.create(),
                    EnvironmentVariableCredentialsProvider.create()));
            chain.add(s.profile().isEmpty() ? ProfileCredentialsProvider.create() : ProfileCredentialsProvider.create(s.profile()));
            return AwsCredentialsProviderChain.builder().credentialsProviders(chain).build();
        }
        var b = DefaultCredentialsProvider.builder();
        if (!s.profile().isEmpty()) b.profileName(s.profile());
        return b.build();
    }

    private static UrlConnectionHttpClient.Builder http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60));
    }

    private static ClientOverrideConfiguration override(Ec2Settings s, ApiUse use) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(Ec2Retries.adaptive(s.apiAttempts()))
                .addMetricPublisher(use)
                .build();
    }

    public ApiUse use() {
        return use;
    }

    public List<Instance> runInstances(RunInstancesRequest request) {
        limits.acquire("RunInstances", request.maxCount());
        return ec2.runInstances(request).instances();
    }

    /** Every instance carrying the run's tag, whatever its state: one paginated DescribeInstances. */
    public List<Instance> instancesOfRun(String runId) {
        return describe(DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("tag:" + RUN_TAG).values(runId).build()));
    }

    private List<Instance> describe(DescribeInstancesRequest.Builder request) {
        List<Instance> out = new ArrayList<>();
        String token = null;
        do {
            limits.acquire("DescribeInstances", 0);
            DescribeInstancesResponse page = ec2.describeInstances(request.maxResults(1000).nextToken(token).build());
            for (Reservation r : page.reservations()) out.addAll(r.instances());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    public List<InstanceStateChange> terminate(List<String> instanceIds) {
        limits.acquire("TerminateInstances", instanceIds.size());
        return ec2.terminateInstances(b -> b.instanceIds(instanceIds)).terminatingInstances();
    }

    /** The run's spot requests still open or active (a one-time request normally closes with its instance). */
    public List<String> openSpotRequests(String runId) {
        limits.acquire("DescribeSpotInstanceRequests", 0);
        return ec2.describeSpotInstanceRequests(b -> b.filters(Filter.builder().name("tag:" + RUN_TAG).values(runId).build(),
                        Filter.builder().name("state").values("open", "active").build()))
                .spotInstanceRequests().stream().map(r -> r.spotInstanceRequestId()).toList();
    }

    public void cancelSpotRequests(List<String> requestIds) {
        limits.acquire("CancelSpotInstanceRequests", 0);
        ec2.cancelSpotInstanceRequests(b -> b.spotInstanceRequestIds(requestIds));
    }

    /** The instance's latest console output, decoded; empty when there is none yet. */
    public String consoleOutput(String instanceId) {
        limits.acquire("GetConsoleOutput", 0);
        String out = ec2.getConsoleOutput(b -> b.instanceId(instanceId).latest(true)).output();
        if (out == null || out.isEmpty()) return "";
        try {
            return new String(Base64.getMimeDecoder().decode(out), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return out;
        }
    }

    /** Any other call, counted against the bucket of its action like the rest. */
    <T> T call(String action, java.util.function.Function<Ec2Client, T> request) {
        limits.acquire(action, 0);
        return request.apply(ec2);
    }

    /** An AMI id as it is, or the AMI id an SSM parameter holds. */
    public synchronized String imageId(String image) {
        if (!image.startsWith("/")) return image;
        if (ssm == null) {
            var b = SsmClient.builder().region(Region.of(settings.region())).credentialsProvider(credentials)
                    .httpClientBuilder(http()).overrideConfiguration(override(settings, use));
            settings.endpoint().ifPresent(b::endpointOverride);
            ssm = b.build();
        }
        limits.acquire("GetParameter", 0);
        return ssm.getParameter(b -> b.name(image)).parameter().value();
    }

    /** "Code: message" of an API error, fit for a log line, the journal or the terminal. */
    public static String describe(Throwable t) {
        String text;
        if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            text = e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
        } else {
            text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return scrub(text);
    }

    /** Access key ids have a fixed shape; whatever an error echoes, they do not travel on. */
    static String scrub(String text) {
        return text == null ? null : text.replaceAll("\\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\\b", "[access key id]");
    }

    @Override
    public void close() {
        ec2.close();
        if (ssm != null) ssm.close();
    }
}
