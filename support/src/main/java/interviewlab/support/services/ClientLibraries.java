package interviewlab.support.services;

import com.google.gson.Gson;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.json.JSONObject;
import org.slf4j.LoggerFactory;
import redis.clients.authentication.core.Token;
import redis.clients.jedis.Jedis;

/** The jars a client library needs inside a {@link JavaAppService}, one class from each, for {@code withLibrariesOf}. */
public final class ClientLibraries {
    /** Jedis and what it loads at run time. */
    public static final Class<?>[] JEDIS = {
        Jedis.class, GenericObjectPool.class, JSONObject.class, Gson.class, Token.class, LoggerFactory.class,
    };

    private ClientLibraries() {}
}
