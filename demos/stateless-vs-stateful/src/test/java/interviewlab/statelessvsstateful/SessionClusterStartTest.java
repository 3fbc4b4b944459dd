package interviewlab.statelessvsstateful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import interviewlab.statelessvsstateful.app.SessionMode;
import interviewlab.statelessvsstateful.cluster.Balancer;
import interviewlab.statelessvsstateful.cluster.SessionCluster;
import interviewlab.support.services.LabContainer;
import interviewlab.support.services.LabImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The test harness's own promise, on which every claim test relies: a cluster that fails to start leaves no
 * container and no network behind, although the caller never got a cluster to close.
 */
class SessionClusterStartTest {
    private final DockerClient docker = DockerClientFactory.instance().client();

    @Test
    void aStartThatFailsAtItsLastStepRemovesWhatItHadStarted() {
        // given: this run's containers and networks, and a cluster whose nginx refuses its config (a negative read
        // timeout); nginx starts last, after Redis and both instances are up
        Set<String> before = runsContainersAndNetworks();
        SessionCluster cluster =
                new SessionCluster(SessionMode.REDIS, 2, Balancer.primaryWithBackup(Duration.ofSeconds(-1), false));

        // when
        assertThatThrownBy(cluster::start)
                .as("the start fails at nginx, the last thing it starts")
                .hasMessageContaining(LabImages.NGINX.imageName());

        // then
        assertThat(runsContainersAndNetworks())
                .as(
                        "Redis, both instances, the nginx that failed and the network are all gone: nothing of the cluster is left")
                .isEqualTo(before);
    }

    /** Every container (running or not) and network carrying this run's label, by id. */
    private Set<String> runsContainersAndNetworks() {
        Stream<String> containers = docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(LabContainer.RUN_LABEL, LabContainer.RUN))
                .exec()
                .stream()
                .map(Container::getId);
        Stream<String> networks = docker
                .listNetworksCmd()
                .withFilter("label", List.of(LabContainer.RUN_LABEL + "=" + LabContainer.RUN))
                .exec()
                .stream()
                .map(Network::getId);
        return Stream.concat(containers, networks).collect(Collectors.toSet());
    }
}
