package hello;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Greets someone: the app the docker-layers topic builds, edits and rebuilds. */
@Command(name = "hello")
public final class Hello implements Runnable {
    @Option(names = "--name", defaultValue = "interviewer")
    private String name;

    @Override
    public void run() {
        System.out.println("Hello, " + name + "!");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Hello()).execute(args));
    }
}
