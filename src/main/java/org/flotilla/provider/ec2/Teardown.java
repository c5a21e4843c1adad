package org.flotilla.provider.ec2;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terminates a run's instances: those the journal names and those the run tag finds (the second
 * net, for an instance launched by a process killed before it could journal it), in batches,
 * then waits until every one is shutting-down or terminated.
 */
final class Teardown {
    static final int BATCH = 500;
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]+");

    /**
     * What happened: instances terminated, those found only by tag, those already gone before
     * (powered off by ec2.ttl, terminated by hand), spot requests cancelled, and instances or
     * requests that could not be, with why.
     */
    record Result(Set<String> terminated, Set<String> foundByTag, Set<String> alreadyGone, List<String> spotCancelled,
                  Map<String, String> failed) {
    }

    private final Ec2Api api;
    private final String runId;
    private final Duration timeout;
    private final Duration pollInterval;

    Teardown(Ec2Api api, String runId, Duration timeout, Duration pollInterval) {
        this.api = api;
        this.runId = runId;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    Result run(Set<String> journaled) {
        Set<String> targets = new LinkedHashSet<>(journaled);
        Set<String> byTag = new LinkedHashSet<>();
        Set<String> alreadyGone = new LinkedHashSet<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Instance i : api.instancesOfRun(runId)) {
            if (gone(i.state().name())) {
                if (targets.remove(i.instanceId())) alreadyGone.add(i.instanceId());
                continue;
            }
            if (targets.add(i.instanceId())) byTag.add(i.instanceId());
        }
        List<String> ids = new ArrayList<>(targets);
        for (int from = 0; from < ids.size(); from += BATCH) {
            terminate(new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + BATCH))), failed);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> waiting = new LinkedHashSet<>(targets);
        waiting.removeAll(failed.keySet());
        while (!waiting.isEmpty()) {
            Map<String, InstanceStateName> states = new LinkedHashMap<>();
            for (Instance i : api.instancesOfRun(runId)) {
                states.put(i.instanceId(), i.state().name());
                // one launched while we were at it (a launch still in flight when its process died)
                if (!gone(i.state().name()) && !targets.contains(i.instanceId())) {
                    targets.add(i.instanceId());
                    byTag.add(i.instanceId());
                    waiting.add(i.instanceId());
                    terminate(new ArrayList<>(List.of(i.instanceId())), failed);
                }
            }
            // an instance the run tag no longer finds is gone for good
            waiting.removeIf(id -> !states.containsKey(id) || gone(states.get(id)) || failed.containsKey(id));
            if (waiting.isEmpty()) break;
            if (System.nanoTime() > deadline) {
                for (String id : waiting) failed.put(id, "still " + states.get(id) + " after " + timeout.toSeconds() + "s");
                break;
            }
            try {
                Thread.sleep(Math.max(50, pollInterval.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (String id : waiting) failed.put(id, "interrupted while waiting for it to shut down");
                break;
            }
        }
        List<String> cancelled = cancelSpotRequests(failed);
        Set<String> terminated = new LinkedHashSet<>(targets);
        terminated.removeAll(failed.keySet());
        return new Result(terminated, byTag, alreadyGone, cancelled, failed);
    }

    /** Open spot requests of the run would launch again: cancel them after the instances are down. */
    private List<String> cancelSpotRequests(Map<String, String> failed) {
        List<String> open;
        try {
            open = api.openSpotRequests(runId);
        } catch (RuntimeException e) {
            failed.put("spot requests of run " + runId, "could not be listed: " + Ec2Api.describe(e));
            return List.of();
        }
        List<String> cancelled = new ArrayList<>();
        for (int from = 0; from < open.size(); from += BATCH) {
            List<String> batch = open.subList(from, Math.min(open.size(), from + BATCH));
            try {
                api.cancelSpotRequests(batch);
                cancelled.addAll(batch);
            } catch (RuntimeException e) {
                for (String id : batch) failed.put(id, Ec2Api.describe(e));
            }
        }
        return cancelled;
    }

    /** Terminates these; an id EC2 does not know (long gone) is dropped and the rest tried again. */
    private void terminate(List<String> ids, Map<String, String> failed) {
        while (!ids.isEmpty()) {
            try {
                api.terminate(ids);
                return;
            } catch (AwsServiceException e) {
                String code = Ec2Retries.code(e);
                if (code != null && code.startsWith("InvalidInstanceID")) {
                    Matcher m = INSTANCE_ID.matcher(e.awsErrorDetails().errorMessage() == null ? "" : e.awsErrorDetails().errorMessage());
                    List<String> unknown = new ArrayList<>();
                    while (m.find()) unknown.add(m.group());
                    if (!unknown.isEmpty() && ids.removeAll(unknown)) continue;
                }
                for (String id : ids) failed.put(id, Ec2Api.describe(e));
                return;
            } catch (RuntimeException e) {
                for (String id : ids) failed.put(id, Ec2Api.describe(e));
                return;
            }
        }
    }

    static boolean gone(InstanceStateName state) {
        return state == InstanceStateName.SHUTTING_DOWN || state == InstanceStateName.TERMINATED;
    }
}
