package org.flotilla.provider.ec2;

import org.flotilla.provider.lab.CloudLab;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * EC2 as the tests' cloud with lab hosts for machines: every instance moto runs boots, once, as a
 * lab host whose cloud-init seed is the instance's own user-data (as DescribeInstanceAttribute
 * gives it back) under the cloud's {@link #VENDOR_DATA}. Through the tests' proxy it answers as
 * EC2 would: DescribeInstances gives a booted instance its host's loopback address as its public
 * IP (none before its console shows its host keys), GetConsoleOutput the host's console. A host
 * that powers itself off is terminated in moto, as EC2 does with an instance whose shutdown
 * behaviour is "terminate" (stopped otherwise), and removed from the lab.
 */
final class LabInstances implements AutoCloseable {
    /**
     * What the cloud adds at first boot, as EC2's Debian images do, that the lab image leaves out:
     * an ed25519 host key made at boot and printed to the console (keys-to-console), and a
     * `shutdown` that powers the container off (it has no init to do it). Only the user-data
     * authorizes a login key.
     */
    static final String VENDOR_DATA = """
            #cloud-config
            ssh_genkeytypes: [ed25519]
            cloud_init_modules: [write-files, users-groups, ssh]
            cloud_config_modules: [locale, runcmd]
            cloud_final_modules: [scripts-per-once, scripts-per-boot, scripts-per-instance, scripts-user, keys-to-console, final-message]
            write_files:
              - path: /usr/local/sbin/shutdown
                permissions: '0755'
                content: |
                  #!/bin/sh
                  # A container has no init to power it off: after the delay (+MINUTES or now), its first
                  # process (sshd) is ended, which stops the container as powering off stops a machine.
                  delay=
                  for arg in "$@"; do
                    case $arg in
                      now) delay=0 ;;
                      +[0-9]*) delay=${arg#+} ;;
                    esac
                  done
                  if [ -z "$delay" ]; then echo "shutdown (cloud lab): give +MINUTES or now" >&2; exit 1; fi
                  setsid sh -c "sleep $((delay * 60)); kill -TERM 1" </dev/null >/dev/null 2>&1 &
                  echo "Shutdown scheduled in $delay minute(s): the machine powers off then"
            """;

    /** What became of an instance whose host powered off. */
    record PoweredOff(String instanceId, Duration afterStart, String became) {
    }

    private final Ec2Client ec2;
    private final CloudLab lab;
    private final Map<String, CloudLab.Machine> machines = new ConcurrentHashMap<>();
    private final Set<String> showingKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, PoweredOff> poweredOff = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-instances");
        t.setDaemon(true);
        return t;
    });

    /** @param moto the emulator itself (not the proxy): the cloud's own calls are no user's */
    LabInstances(URI moto, CloudLab lab) {
        this.ec2 = Ec2Client.builder().region(Region.EU_WEST_1).endpointOverride(moto)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
        this.lab = lab;
        lab.open();
        looks.scheduleWithFixedDelay(this::lookSafely, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** The proxy's rewrite of moto's answers: instances' addresses and consoles as the lab has them. */
    String answer(Map<String, String> params, String body) {
        return switch (String.valueOf(params.get("Action"))) {
            case "DescribeInstances" -> withAddresses(body);
            case "GetConsoleOutput" -> withConsole(params.get("InstanceId"), body);
            default -> body;
        };
    }

    Optional<CloudLab.Machine> machine(String instanceId) {
        return Optional.ofNullable(machines.get(instanceId));
    }

    Map<String, PoweredOff> poweredOff() {
        return Map.copyOf(poweredOff);
    }

    /** What went wrong in the cloud itself (a host that would not boot): empty when all went well. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            failures.add("a look at the instances failed: " + e);
        }
    }

    /** Boots each new running instance, notes hosts whose keys are on the console, ends those powered off. */
    private void look() {
        for (Instance i : instances()) {
            String id = i.instanceId();
            if (i.state().name() != InstanceStateName.RUNNING || machines.containsKey(id) || poweredOff.containsKey(id)) continue;
            try {
                String b64 = ec2.describeInstanceAttribute(b -> b.instanceId(id).attribute("userData")).userData().value();
                byte[] userData = b64 == null ? new byte[0] : Base64.getDecoder().decode(b64);
                machines.put(id, lab.boot(id, userData, VENDOR_DATA));
            } catch (RuntimeException e) {
                failures.add(id + " did not boot: " + e.getMessage());
                poweredOff.put(id, new PoweredOff(id, Duration.ZERO, "never booted"));
            }
        }
        for (String id : machines.keySet()) {
            if (!showingKeys.contains(id) && lab.console(id).contains(ConsoleHostKeys.END)) showingKeys.add(id);
        }
        for (String id : lab.poweredOff()) {
            CloudLab.Machine m = machines.remove(id);
            if (m == null) continue;
            String behaviour = ec2.describeInstanceAttribute(b -> b.instanceId(id).attribute("instanceInitiatedShutdownBehavior"))
                    .instanceInitiatedShutdownBehavior().value();
            if ("terminate".equals(behaviour)) ec2.terminateInstances(b -> b.instanceIds(id));
            else ec2.stopInstances(b -> b.instanceIds(id));
            lab.remove(id);
            poweredOff.put(id, new PoweredOff(id, Duration.between(m.started(), Instant.now()), "terminate".equals(behaviour) ? "terminated" : "stopped"));
        }
    }

    private List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        for (var page : ec2.describeInstancesPaginator(b -> b.maxResults(1000))) {
            for (Reservation r : page.reservations()) out.addAll(r.instances());
        }
        return out;
    }

    /** Each instance's public IP: its host's loopback address once its console shows its keys, none before. */
    private String withAddresses(String body) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(body)));
            var sets = doc.getElementsByTagName("instancesSet");
            for (int s = 0; s < sets.getLength(); s++) {
                for (Element item : children((Element) sets.item(s), "item")) {
                    String id = children(item, "instanceId").get(0).getTextContent();
                    children(item, "ipAddress").forEach(item::removeChild);
                    CloudLab.Machine m = machines.get(id);
                    if (m == null || !showingKeys.contains(id)) continue;
                    Element ip = doc.createElement("ipAddress");
                    ip.setTextContent(m.address());
                    item.appendChild(ip);
                }
            }
            var out = TransformerFactory.newInstance().newTransformer();
            out.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            StringWriter w = new StringWriter();
            out.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            failures.add("cannot rewrite DescribeInstances: " + e);
            return body;
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    private String withConsole(String instanceId, String body) {
        if (instanceId == null || !machines.containsKey(instanceId)) return body;
        String b64 = Base64.getEncoder().encodeToString(lab.console(instanceId).getBytes(StandardCharsets.UTF_8));
        return body.replaceAll("(?s)<output>.*?</output>", "<output>" + b64 + "</output>");
    }

    /** Stops looking; the lab's hosts are the lab's to remove. */
    @Override
    public void close() {
        looks.shutdownNow();
        try {
            looks.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ec2.close();
    }
}
