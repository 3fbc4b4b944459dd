package interviewlab.support.ledger;

/** A claim a doc declares: {@code - **TK-1** statement — explanation} at {@code doc:line}. */
record DocClaim(String id, String statement, String doc, int line) {
}
