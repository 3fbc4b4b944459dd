package interviewlab.support.ledger;

/** A test method that names a claim with {@code @Claim}; {@code file:line} is where the annotation is. */
record TestClaim(String id, String className, String method, String file, int line) {
    String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + method;
    }
}
