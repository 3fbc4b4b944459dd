package interviewlab.support.services;

import java.io.IOException;
import org.testcontainers.containers.Container.ExecResult;

/** A plain Debian container on the network, to run ping and the like from inside it. */
public final class ShellService extends LabContainer<ShellService> {

    public ShellService(String serviceName) {
        super(LabImages.BASE, serviceName);
        withCommand("sleep", "infinity");
    }

    /** Runs a command inside the container and returns what it printed; fails if it exits non-zero. */
    public String run(String... command) throws IOException, InterruptedException {
        ExecResult result = execInContainer(command);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.getExitCode() + ": " + result.getStderr());
        }
        return result.getStdout();
    }

    @Override
    protected void probe() throws Exception {
        run("true");
    }
}
