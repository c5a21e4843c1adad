package org.flotilla.provider.ec2;

import org.flotilla.config.ProviderKind;
import org.flotilla.config.Ec2Settings;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Run;
import org.flotilla.render.Templates;
import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.provider.Provider;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hosts on Amazon EC2 (or an emulator at ec2.endpoint). Every instance carries the run's tag;
 * each is named to the journal as soon as its RunInstances call returns; one paginated,
 * tag-filtered DescribeInstances per poll finds those running, whatever the fleet's size.
 */
public final class Ec2Provider implements Provider {
    private final Ec2Settings settings;
    private final String runId;
    private final String user;
    private final Ec2Api api;
    private final InstanceAddressing addressing;
    private final Supplier<PublicKey> authorized;
    private final UserData userData;
    private final HostLog log;
    private final Duration pollInterval;
    private final Launcher launcher;
    private final Map<String, Host> byInstance = new ConcurrentHashMap<>();
    private final Map<String, String> gone = new ConcurrentHashMap<>();
    private final Set<String> reportedGone = ConcurrentHashMap.newKeySet();
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Integer> nextIndex = new ConcurrentHashMap<>();
    private String image;
    private List<String> securityGroups;

    /**
     * @param authorized the public key the instances' user-data authorizes (asked for at the first launch)
     * @param notes      where launch notes go as they happen (capacity fallbacks)
     */
    Ec2Provider(Ec2Settings settings, String runId, String sshUser, Ec2Api api, InstanceAddressing addressing,
                       Supplier<PublicKey> authorized, UserData userData, HostLog log, Duration pollInterval) {
        this.settings = settings;
        this.runId = runId;
        this.user = settings.user().isEmpty() ? sshUser : settings.user();
        this.api = api;
        this.addressing = addressing;
        this.authorized = authorized;
        this.userData = userData;
        this.log = log;
        this.pollInterval = pollInterval;
        this.launcher = new Launcher(api, settings, runId, this::note);
    }

    /** The provider for a run's settings, reaching instances through {@code addressing}. */
    public static Ec2Provider of(Settings settings, Run run, Supplier<PublicKey> authorized, InstanceAddressing addressing) {
        Ec2Settings ec2 = settings.ec2();
        ApiUse use = new ApiUse();
        Ec2Api api = new Ec2Api(ec2, use, new ApiLimits(use));
        UserData userData = new UserData(new Templates(settings.resourcesDir()), ec2.userData(), ec2.ttl(), run.id());
        return new Ec2Provider(ec2, run.id(), settings.ssh().user(), api, addressing, authorized, userData,
                new HostLog(run), settings.provision().pollInterval());
    }

    /** The provider for a run's settings, reaching instances at the address ec2.address names. */
    public static Ec2Provider of(Settings settings, Run run, Supplier<PublicKey> authorized) {
        return of(settings, run, authorized, new ConfiguredAddressing(settings.ec2().address(), settings.ssh().port()));
    }

    private synchronized void note(String line) {
        notes.add(line);
    }

    @Override
    public void launch(RoleSpec role, int count, Consumer<List<Host>> named) {
        if (count == 0) return;
        try {
            launchRole(role, count, named);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // the SDK's own message carries request ids and retry counts; the user wants the code and its words
            throw new IllegalStateException(Ec2Api.describe(e), e);
        }
    }

    private void launchRole(RoleSpec role, int count, Consumer<List<Host>> named) {
        if (image == null) {
            LoginAccess access = new LoginAccess(api, settings, this::note);
            access.keyPair(authorized.get());
            securityGroups = access.securityGroups();
            image = api.imageId(settings.image());
        }
        String data = userData.render(role.name(), user, authorized.get());
        launcher.launch(role.name(), count, image, data, securityGroups, instances -> {
            List<Host> hosts = new ArrayList<>();
            for (Instance i : instances) {
                // a later launch of the role (a replacement) goes on from the last index
                int index = nextIndex.merge(role.name(), 1, Integer::sum) - 1;
                Host h = Host.named(role.name(), index, i.instanceId(), user);
                byInstance.put(i.instanceId(), h);
                hosts.add(h);
            }
            named.accept(hosts);
        });
    }

    @Override
    public List<Host> poll() {
        List<Host> running = new ArrayList<>();
        for (Instance i : api.instancesOfRun(runId)) {
            Host h = byInstance.get(i.instanceId());
            if (h == null) continue;
            InstanceStateName state = i.state().name();
            if (state == InstanceStateName.RUNNING) {
                addressing.of(i).ifPresent(e -> running.add(h.at(e.address(), e.port())));
            } else if (state != InstanceStateName.PENDING && !terminating.contains(i.instanceId())
                    && reportedGone.add(h.id())) {
                String reason = i.stateReason() == null ? "" : " (" + i.stateReason().code() + ")";
                gone.put(h.id(), "instance " + i.instanceId() + " is " + state + reason + " without `down`");
            }
        }
        return running;
    }

    @Override
    public Map<String, String> gone() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : List.copyOf(gone.keySet())) out.put(id, gone.remove(id));
        return out;
    }

    @Override
    public Optional<String> refuseConnection(Host host) {
        if (!settings.emulated() || isLoopback(host.address())) return Optional.empty();
        return Optional.of("not connecting to " + host.address() + ": ec2.endpoint is an emulator on loopback and its "
                + "instance addresses are made up (map instances to local hosts through the address seam)");
    }

    private static boolean isLoopback(String address) {
        if (address == null || !address.matches("[0-9.]+|[0-9a-fA-F:]+")) return false; // a name is not resolved to decide
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public List<PublicKey> hostKeys(Host host) {
        if (host.providerId() == null || refuseConnection(host).isPresent()) return List.of();
        try {
            List<PublicKey> keys = ConsoleHostKeys.parse(api.consoleOutput(host.providerId()));
            log.write(host, keys.isEmpty()
                    ? "no SSH host key block in the console output of " + host.providerId() + " yet: following ssh.host-keys"
                    : "pinning " + keys.size() + " host key(s) from the console output of " + host.providerId());
            return keys;
        } catch (RuntimeException e) {
            log.write(host, "cannot read the console output of " + host.providerId() + " (" + Ec2Api.describe(e)
                    + "): following ssh.host-keys");
            return List.of();
        }
    }

    @Override
    public Map<String, String> terminate(List<Host> hosts) {
        Map<String, String> hostOf = new LinkedHashMap<>();
        for (Host h : hosts) {
            if (h.providerId() != null && h.providerId().startsWith("i-")) hostOf.put(h.providerId(), h.id());
        }
        terminating.addAll(hostOf.keySet());
        Teardown.Result r = new Teardown(api, runId, settings.teardownTimeout(), pollInterval).run(new LinkedHashSet<>(hostOf.keySet()));
        terminating.addAll(r.terminated());
        Map<String, String> failed = new LinkedHashMap<>();
        r.failed().forEach((instance, why) -> failed.put(hostOf.getOrDefault(instance, instance), instance + ": " + why));
        note("terminated " + r.terminated().size() + " instance(s) of run " + runId
                + (r.foundByTag().isEmpty() ? "" : ", " + r.foundByTag().size() + " found only by the run tag: "
                + String.join(" ", r.foundByTag()))
                + (r.alreadyGone().isEmpty() ? "" : "; " + r.alreadyGone().size() + " already terminated before `down`"
                + " (ec2.ttl's self-destruct, or by hand): " + String.join(" ", r.alreadyGone()))
                + (r.spotCancelled().isEmpty() ? "" : "; cancelled " + r.spotCancelled().size() + " open spot request(s)")
                + (r.failed().isEmpty() ? "" : "; " + r.failed().size() + " could not be"));
        return failed;
    }

    @Override
    public synchronized List<String> report() {
        List<String> lines = new ArrayList<>(notes);
        notes.clear();
        lines.addAll(api.use().report());
        return lines;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.EC2;
    }

    @Override
    public void close() {
        api.close();
    }
}
