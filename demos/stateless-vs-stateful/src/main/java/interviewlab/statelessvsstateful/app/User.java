package interviewlab.statelessvsstateful.app;

/** Who is logged in, and the one preference the service remembers for them. */
public record User(String name, String locale) {}
