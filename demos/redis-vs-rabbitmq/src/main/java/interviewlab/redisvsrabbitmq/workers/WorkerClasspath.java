package interviewlab.redisvsrabbitmq.workers;

import com.rabbitmq.client.Channel;
import interviewlab.support.services.ClientLibraries;
import java.util.stream.Stream;

/** The libraries a worker container needs: Jedis with what it depends on, and the RabbitMQ client. */
public final class WorkerClasspath {
    /** One class from each jar, for {@code JavaAppService.withLibrariesOf}. */
    public static final Class<?>[] CLIENT_LIBRARIES = Stream.concat(
                    Stream.of(ClientLibraries.JEDIS), Stream.of(Channel.class))
            .toArray(Class<?>[]::new);

    private WorkerClasspath() {}
}
