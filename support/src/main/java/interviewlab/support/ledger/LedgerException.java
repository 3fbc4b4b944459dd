package interviewlab.support.ledger;

/** A user error (wrong folder, unreadable file): Ledger prints its message as one sentence, no stack trace. */
final class LedgerException extends RuntimeException {
    LedgerException(String message) {
        super(message);
    }
}
