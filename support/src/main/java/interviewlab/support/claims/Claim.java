package interviewlab.support.claims;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the doc claim a test proves, by its ID (for example {@code "TK-1"}, declared in docs/toolkit.md as
 * {@code - **TK-1** ...}). ./lab test fails when a claim has no test or a test names a claim no doc has.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Claims.class)
public @interface Claim {
    String value();
}
