package io.jrunc.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a user sees for a command line jrunc cannot parse, in git's style rather than picocli's
 * ("Unmatched arguments from index 0: 'checkpoint', 'x'"):
 * <pre>
 * jrunc: 'checkpoint' is not a jrunc command
 * See 'jrunc --help'.
 * </pre>
 * and for flags {@code jrunc: unknown flag '--bogus' for 'jrunc create'}. The first line, without
 * the "jrunc: ", is also the error line in the --log file, so a shim reads why its call failed.
 * FastPath hands every line it does not accept to picocli, so both parsers end here.
 */
final class UsageError {
    private UsageError() {}

    /** The message for the log (no "jrunc: " prefix) and the hint line. */
    record Text(String message, String hint) {}

    /**
     * "Did you mean 'create'? " for a typo, or nothing: picocli's suggestions are loose ('checkpoint'
     * gets 'exec'), so only one within a third of the word's length in edits is offered.
     */
    private static String closest(String typed, List<String> suggestions) {
        String word = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        for (String s : suggestions) {
            if (distance(word, s) <= Math.max(1, word.length() / 3)) return "Did you mean '" + s + "'? ";
        }
        return "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    static Text of(ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        String hint = "See '" + command + " --help'.";
        if (!(ex instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return new Text(ex.getMessage(), hint);
        }
        String first = u.getUnmatched().get(0);
        String didYouMean = closest(first, u.getSuggestions());
        if (first.startsWith("-") && first.length() > 1) {
            String flag = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return new Text("unknown flag '" + flag + "' for '" + command + "'", didYouMean + hint);
        }
        if (cl.getCommandSpec().parent() == null) {
            return new Text("'" + first + "' is not a jrunc command", didYouMean + hint);
        }
        return new Text("unexpected argument '" + first + "' for '" + command + "'", hint);
    }
}
