package interviewlab.statelessvsstateful.cluster;

import redis.clients.jedis.Jedis;

/** What Redis itself reports: INFO commandstats and its other sections. */
public final class RedisCommands {
    private RedisCommands() {}

    /** How many times Redis has run this command (lower case, as INFO names it: "hgetall"). */
    public static long calls(Jedis redis, String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        return redis.info("commandstats")
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length(), line.indexOf(',', prefix.length()))))
                .findFirst()
                .orElse(0);
    }

    /** One field of an INFO section, for example ("persistence", "rdb_saves"). */
    public static String info(Jedis redis, String section, String field) {
        String prefix = field + ":";
        return redis.info(section)
                .lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()).strip())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("INFO " + section + " has no " + field));
    }
}
