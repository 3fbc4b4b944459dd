package interviewlab.redisvsrabbitmq.workers;

import com.google.gson.Gson;
import com.rabbitmq.client.Channel;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.json.JSONObject;
import org.slf4j.LoggerFactory;
import redis.clients.authentication.core.Token;
import redis.clients.jedis.Jedis;

/** The libraries a worker container needs: Jedis with what it depends on, and the RabbitMQ client. */
public final class WorkerClasspath {
    /** One class from each jar, for {@code JavaAppService.withLibrariesOf}. */
    public static final Class<?>[] CLIENT_LIBRARIES = {
        Jedis.class, GenericObjectPool.class, JSONObject.class, Gson.class, Token.class, LoggerFactory.class, Channel.class,
    };

    private WorkerClasspath() {
    }
}
