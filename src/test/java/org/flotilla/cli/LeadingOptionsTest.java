package org.flotilla.cli;

import org.flotilla.Workspace;
import org.flotilla.fleet.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Common options before the command mean what they mean after it, as in git and the AWS CLI. */
class LeadingOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void runsDirBeforeTheCommandActsOnThatRunsDir() {
        Workspace w = new Workspace(tmp);
        Run run = Run.create(w.runsDir);
        w.write("runs/" + run.id() + "/journal.jsonl", "");

        Workspace.Result before = w.cli("--runs-dir", w.runsDir.toString(), "status");
        Workspace.Result after = w.cli("status", "--runs-dir", w.runsDir.toString());

        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.out()).contains(run.id());
        assertThat(before).isEqualTo(after);
    }

    @Test
    void leadingOptionsWithValuesAndEqualsSignsAreKept() {
        Workspace w = new Workspace(tmp);
        Run.create(w.runsDir);

        Workspace.Result r = w.cli("--runs-dir=" + w.runsDir, "--run", "nope", "status", "--json");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no run nope under " + w.runsDir);
    }

    @Test
    void anOptionNoCommandKnowsIsABadUsageNamingIt() {
        Workspace w = new Workspace(tmp);

        Workspace.Result r = w.cli("--bogus", "status");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("flotilla status").contains("--bogus");
    }
}
