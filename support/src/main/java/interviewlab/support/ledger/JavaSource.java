package interviewlab.support.ledger;

import java.util.Arrays;

/**
 * A Java file's text with its comments and string literals told apart from its code, so an {@code @Claim} or a
 * method written inside a string (as the ledger's own tests write miniature repos) is not taken for the real thing.
 */
final class JavaSource {
    private final String text;
    private final boolean[] code;
    private final int[] lineStarts;

    JavaSource(String text) {
        this.text = text;
        this.code = new boolean[text.length()];
        markCode();
        this.lineStarts = lineStarts(text);
    }

    String text() {
        return text;
    }

    boolean isCode(int offset) {
        return code[offset];
    }

    /** The 1-based line an offset is on. */
    int lineOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private void markCode() {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("//", i)) {
                i = endOf(text.indexOf('\n', i), 0);
            } else if (text.startsWith("/*", i)) {
                i = endOf(text.indexOf("*/", i + 2), 2);
            } else if (text.startsWith("\"\"\"", i)) {
                i = afterTextBlock(i + 3);
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                i = afterLiteral(i + 1, text.charAt(i));
            } else {
                code[i++] = true;
            }
        }
    }

    private int endOf(int found, int length) {
        return found < 0 ? text.length() : found + length;
    }

    private int afterTextBlock(int i) {
        while (i < text.length() && !text.startsWith("\"\"\"", i)) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 3, text.length());
    }

    private int afterLiteral(int i, char quote) {
        while (i < text.length() && text.charAt(i) != quote && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    private static int[] lineStarts(String text) {
        int[] starts = new int[(int) text.chars().filter(c -> c == '\n').count() + 1];
        for (int i = 0, line = 1; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return starts;
    }
}
