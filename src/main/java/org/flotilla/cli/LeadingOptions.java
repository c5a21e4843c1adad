package org.flotilla.cli;

import org.apache.commons.cli.Option;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Options written before the command (`flotilla --runs-dir DIR status`), as git and the AWS CLI
 * accept them: moved to just after the command, so the command's own parser judges them and its
 * errors name them as usual.
 */
final class LeadingOptions {
    private LeadingOptions() {
    }

    static String[] after(String[] args, Collection<Subcommand> commands) {
        List<String> leading = new ArrayList<>();
        int i = 0;
        while (i < args.length && args[i].startsWith("-") && !isHelp(args[i])) {
            String option = args[i++];
            leading.add(option);
            if (!option.contains("=") && takesValue(option, commands) && i < args.length) leading.add(args[i++]);
        }
        if (leading.isEmpty() || i == args.length) return args;
        List<String> moved = new ArrayList<>();
        moved.add(args[i]);
        moved.addAll(leading);
        moved.addAll(List.of(args).subList(i + 1, args.length));
        return moved.toArray(String[]::new);
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** Whether any command's option of that name takes a value (the names mean the same in every command). */
    private static boolean takesValue(String arg, Collection<Subcommand> commands) {
        String name = arg.replaceFirst("^--?", "");
        for (Subcommand c : commands) {
            Option o = c.options().getOption(name);
            if (o != null) return o.hasArg();
        }
        return false;
    }
}
