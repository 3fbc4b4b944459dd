package interviewlab.support.ledger;

import java.util.List;

/**
 * A claim a doc declares: {@code - **TK-1** statement — explanation} at {@code doc:line}; linkedTests are the
 * files under a src/test/java its line links to, relative to the repo root.
 */
record DocClaim(String id, String statement, String doc, int line, List<String> linkedTests) {
    DocClaim {
        linkedTests = List.copyOf(linkedTests);
    }
}
