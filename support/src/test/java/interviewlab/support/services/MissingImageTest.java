package interviewlab.support.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import interviewlab.support.claims.Claim;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

class MissingImageTest {

    /** A lab service on an image that ./lab setup has never built. */
    private static final class UnbuiltService extends LabContainer<UnbuiltService> {
        UnbuiltService(DockerImageName image) {
            super(image, "unbuilt");
        }

        @Override
        protected void probe() {}
    }

    @Test
    @Claim("TK-19")
    void aServiceWhoseImageIsNotBuiltFailsAtOnceWithOneSentence() {
        // given: a lab image name that ./lab setup does not build
        String image = LabImages.BASE.imageName() + "-never-built";

        // and Testcontainers' client set up, as after a test's first service: its start-up is not what is timed
        DockerClientFactory.instance().client();

        // when: a test starts a service on it
        Instant start = Instant.now();
        try (UnbuiltService service = new UnbuiltService(DockerImageName.parse(image))) {
            // then: it fails with one sentence that names the image and the command that builds it
            assertThatThrownBy(service::start)
                    .as("a missing lab image is reported as one sentence, not as a pull that cannot work")
                    .isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessage(image + " is not built: run ./lab setup")
                    .hasNoCause();
        }
        // and at once: no pull is tried, so nothing waits on a registry
        assertThat(Duration.between(start, Instant.now()))
                .as("the failure comes at once (Testcontainers' pull retries would take minutes here)")
                .isLessThan(Duration.ofSeconds(2));
    }
}
