package org.flotilla.provision;

import org.flotilla.config.Recipe;
import org.flotilla.config.RoleSpec;
import org.flotilla.config.Settings;
import org.flotilla.fleet.Host;
import org.flotilla.output.HostLog;
import org.flotilla.ssh.Become;
import org.flotilla.ssh.ExecResult;
import org.flotilla.ssh.Remote;
import org.flotilla.ssh.StagedUploads;
import org.flotilla.ssh.Upload;

import java.io.IOException;
import java.util.List;

/**
 * How the recipe reaches into a host: as the login, or through sudo; learnt once per pass
 * (and only when the role has packages, become or owners: other hosts pay no extra exec).
 *
 * @param facts null when not looked at
 */
record HostAccess(HostFacts facts, Recipe recipe, boolean local) {
    /** The sudo a step (or upload) that wants become goes through, or null when it runs as the login. */
    Become become(boolean wanted) {
        if (!wanted || local || facts == null || !facts.needsSudo(recipe.becomeUser())) return null;
        return new Become(recipe.becomeUser());
    }

    /**
     * Looks at the host when the role needs to (packages, become, owners), fails it at once when
     * sudo would want a password, and, before the first step ({@code prepare}), waits for
     * cloud-init and installs the role's packages.
     */
    static HostAccess learn(Settings settings, HostLog log, Host host, Remote remote, RoleSpec role, boolean prepare) throws StepFailure {
        Recipe recipe = role.recipe();
        boolean local = settings.providerKind().hostsAreThisMachine();
        boolean owners = role.resources().stream().anyMatch(r -> !r.owner().isEmpty());
        boolean becomes = !local && recipe.anyBecome();
        if (!(prepare && !recipe.packages().isEmpty()) && !becomes && !(owners && !local)) return new HostAccess(null, recipe, local);
        HostFacts facts;
        try {
            facts = HostFacts.probe(remote, becomes ? recipe.becomeUser() : null);
        } catch (IOException e) {
            throw new StepFailure("looking at the host failed: " + e.getMessage(), e);
        }
        log.write(host, "login " + facts.user() + " (uid " + facts.uid() + "), home " + facts.home() + ", system: " + facts.os().strip()
                + (facts.cloudInit() ? ", cloud-init" : ""));
        if (becomes && facts.needsSudo(recipe.becomeUser())) {
            String problem = facts.sudoProblem(host.address());
            if (problem != null) throw new StepFailure(problem, null);
            log.write(host, "become: sudo -n as " + recipe.becomeUser() + " works");
        } else if (recipe.anyBecome()) {
            log.write(host, "become: changes nothing here (" + (local ? "local hosts run commands as this user" : "the login is " + facts.user()) + ")");
        }
        if (prepare) {
            if (facts.cloudInit()) awaitCloudInit(log, host, remote);
            new Packages(host, log, settings.provision().packageTimeout())
                    .ensure(remote, facts, recipe.packages(), becomes ? new Become("root") : null, local);
        }
        return new HostAccess(facts, recipe, local);
    }

    /** First boot: cloud-init may still be installing or holding apt's lock when sshd answers. */
    private static void awaitCloudInit(HostLog log, Host host, Remote remote) throws StepFailure {
        log.write(host, "waiting for cloud-init to finish (cloud-init status --wait)");
        try {
            ExecResult r = remote.exec("cloud-init status --wait");
            log.write(host, "cloud-init: exit " + r.exitCode() + " " + r.stdout().strip().replace('\n', ' '));
        } catch (IOException e) {
            throw new StepFailure("waiting for cloud-init failed: " + e.getMessage(), e);
        }
    }

    /** Straight up by SFTP, or, for what the login may not write itself, staged and installed through sudo; returns the staged. */
    List<String> put(Remote remote, List<Upload> files) throws IOException {
        boolean owners = files.stream().anyMatch(f -> !f.owner().isEmpty());
        Become become = become(recipe.become());
        if (facts == null || become == null && !owners) {
            remote.upload(files);
            return List.of();
        }
        return new StagedUploads(remote, facts.home(), become).put(files);
    }
}
