package interviewlab.support.services;

/** A plain Debian container on the network, to run ping and the like from inside it. */
public final class ShellService extends LabContainer<ShellService> {

    public ShellService(String serviceName) {
        super(LabImages.BASE, serviceName);
        withCommand("sleep", "infinity");
    }

    @Override
    protected void probe() {
        run("true");
    }
}
