package org.flotilla.ssh;

/**
 * Running a command as another user through `sudo -n` (never a prompt: a sudo that wants a
 * password fails at once). The command keeps its own quoting: it becomes one argument of `sh -c`.
 */
public record Become(String user) {

    /** A shell command line, run by /bin/sh as the user. */
    public String wrap(String commandLine) {
        return prefix() + " sh -c " + ShellWords.quote(commandLine);
    }

    /** `sudo -n -u USER --`, to put before quoted words. */
    public String prefix() {
        return "sudo -n -u " + ShellWords.quote(user) + " --";
    }

    /**
     * A command line for a host whose login is not known here: as is for a root login, through
     * sudo otherwise (e.g. removing the run's crontab at `down`).
     */
    public String wrapUnlessRoot(String commandLine) {
        if (!user.equals("root")) return wrap(commandLine);
        return "if [ \"$(id -u)\" = 0 ]; then sh -c " + ShellWords.quote(commandLine) + "; else " + wrap(commandLine) + "; fi";
    }

    /** What sudo says on stderr when it would have to ask for a password. */
    public static boolean wantsPassword(String stderr) {
        return stderr.contains("a password is required") || stderr.contains("a terminal is required");
    }
}
