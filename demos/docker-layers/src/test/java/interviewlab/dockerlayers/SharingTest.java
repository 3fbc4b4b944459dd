package interviewlab.dockerlayers;

import static org.assertj.core.api.Assertions.assertThat;

import interviewlab.support.claims.Claim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Two different images built on the same base, and what the engine says it stores for them. */
class SharingTest {
    @AfterAll
    static void removeImages() {
        Docker.removeImagesOfThisRun();
    }

    @Test
    @Claim("DL-14")
    void imagesOnTheSameBaseShareItsLayersOnDisk() {
        try (BuildContext first =
                        new BuildContext("sharing-first").dockerfile("FROM ${BASE}\nRUN echo first > /which\n");
                BuildContext second =
                        new BuildContext("sharing-second").dockerfile("FROM ${BASE}\nRUN echo second > /which\n")) {
            // given / when
            String a = first.build(Builder.BUILDKIT).imageId();
            String b = second.build(Builder.BUILDKIT).imageId();

            // then: the same bottom layers, by content digest
            List<String> base = Docker.layers(BuildContext.BASE);
            assertThat(Docker.layers(a))
                    .as("both images start with the base's layers")
                    .startsWith(base.toArray(String[]::new));
            assertThat(Docker.layers(b)).startsWith(base.toArray(String[]::new));

            // and the engine's own accounting (docker system df -v): stored once, shared
            Map<String, Docker.DiskUsage> usage = Docker.diskUsage();
            long baseBytes = Long.parseLong(Docker.inspect(BuildContext.BASE, "{{.Size}}"));
            for (String image : List.of(
                    first.image(Builder.BUILDKIT), second.image(Builder.BUILDKIT))) { // the report names images by tag
                Docker.DiskUsage disk = usage.get(image);
                System.out.printf(
                        "%s: shared %,d bytes, unique %,d bytes (base %,d)%n",
                        image, disk.sharedBytes(), disk.uniqueBytes(), baseBytes);
                assertThat(disk.sharedBytes())
                        .as("the engine counts the base's layers as shared by %s", image)
                        .isGreaterThanOrEqualTo(baseBytes * 99 / 100);
                assertThat(disk.uniqueBytes())
                        .as("and only its own small layer as its alone")
                        .isLessThan(1_000_000);
            }
        }
    }
}
