package interviewlab.support.ledger;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows fenced code blocks line by line. Inside a fence nothing is a claim, a link or a marker: docs show
 * examples of all three there.
 */
final class Fences {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private String open;

    /** Whether this line is part of a fenced block: its opening line, its body or its closing line. */
    boolean fenced(String line) {
        Matcher fence = FENCE.matcher(line);
        if (open == null) {
            if (fence.find()) {
                open = fence.group(1);
                return true;
            }
            return false;
        }
        // A fence closes with the same character, at least as many times, and nothing after it.
        if (fence.find()
                && fence.group(1).charAt(0) == open.charAt(0)
                && fence.group(1).length() >= open.length()
                && line.substring(fence.end()).isBlank()) {
            open = null;
        }
        return true;
    }
}
