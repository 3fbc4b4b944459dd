package interviewlab.dockerlayers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a command on the host, as a reader would at a terminal, and returns what it printed. */
final class Commands {
    private Commands() {}

    /** Runs the command in the folder with extra environment variables; fails with its output if it exits non-zero. */
    static String run(List<String> command, Map<String, String> environment, Path folder) {
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().putAll(environment);
        if (folder != null) {
            process.directory(folder.toFile());
        }
        try {
            Process running = process.start();
            String output =
                    new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // until it exits
            if (running.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
