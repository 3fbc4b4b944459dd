package interviewlab.support.ledger;

/** One thing the check found wrong, printed as {@code path:line: what is wrong} so editors can jump to it. */
record Problem(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
