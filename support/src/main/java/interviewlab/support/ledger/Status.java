package interviewlab.support.ledger;

/** What became of a test, or of a claim (a claim is never SKIPPED: a skipped test leaves it NOT RUN). */
enum Status {
    PASSED,
    FAILED,
    SKIPPED,
    NOT_RUN;

    String label() {
        return name().replace('_', ' ');
    }
}
