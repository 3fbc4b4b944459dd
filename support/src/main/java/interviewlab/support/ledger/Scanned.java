package interviewlab.support.ledger;

import java.util.List;

/** What a scan found, and what it found wrong on the way. */
record Scanned<T>(List<T> found, List<Problem> problems) {
    Scanned {
        found = List.copyOf(found);
        problems = List.copyOf(problems);
    }
}
