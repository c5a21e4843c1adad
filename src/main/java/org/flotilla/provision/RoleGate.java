package org.flotilla.provision;

import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Holds reached hosts whose role waits on other roles (`after`) until every host of those
 * roles in this pass is READY; releases them one role at a time, never waiting for the
 * whole fleet. If a host they wait on FAILED, they fail too, saying which.
 */
final class RoleGate<T> {
    /** What the gate does with a held item once its role's wait ends. */
    interface Outcome<T> {
        void release(T item);

        void refuse(T item, String reason);
    }

    private final Settings settings;
    private final Map<String, Set<String>> waitingOn = new HashMap<>();   // role -> hosts of its after-roles not yet READY
    private final Map<String, String> blockedBy = new HashMap<>();        // role -> why it can never start
    private final Map<String, List<T>> held = new HashMap<>();
    private final Outcome<T> outcome;

    /** @param passHosts the hosts of this pass, by role */
    RoleGate(Settings settings, Map<String, List<String>> passHosts, Outcome<T> outcome) {
        this.settings = settings;
        this.outcome = outcome;
        for (RoleSpec role : settings.roles()) {
            Set<String> deps = new HashSet<>();
            for (String after : role.after()) deps.addAll(passHosts.getOrDefault(after, List.of()));
            waitingOn.put(role.name(), deps);
        }
    }

    /** A host of this role is reachable; it goes on now, or waits here. */
    void offer(String role, T item) {
        String refusal;
        synchronized (this) {
            refusal = blockedBy.get(role);
            if (refusal == null && !waitingOn.get(role).isEmpty()) {
                held.computeIfAbsent(role, r -> new ArrayList<>()).add(item);
                return;
            }
        }
        if (refusal != null) outcome.refuse(item, refusal);
        else outcome.release(item);
    }

    /** A host of this pass settled; roles waiting on it may go on (or fail). */
    void settled(String hostId, String role, boolean ready, String error) {
        List<Runnable> actions = new ArrayList<>();
        synchronized (this) {
            for (RoleSpec dependent : settings.roles()) {
                if (!dependent.after().contains(role)) continue;
                String name = dependent.name();
                if (!waitingOn.get(name).remove(hostId)) continue;
                if (!ready && !blockedBy.containsKey(name)) {
                    blockedBy.put(name, "not configured: it waits on role " + role + " (after), and " + hostId + " FAILED");
                }
                if (blockedBy.containsKey(name)) {
                    String why = blockedBy.get(name);
                    for (T item : take(name)) actions.add(() -> outcome.refuse(item, why));
                } else if (waitingOn.get(name).isEmpty()) {
                    for (T item : take(name)) actions.add(() -> outcome.release(item));
                }
            }
        }
        actions.forEach(Runnable::run);
    }

    private List<T> take(String role) {
        List<T> items = held.remove(role);
        return items == null ? List.of() : items;
    }
}
