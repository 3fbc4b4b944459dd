package interviewlab.statelessvsstateful;

import redis.clients.jedis.Jedis;

/** What Redis itself counted: INFO commandstats. */
final class RedisCommands {
    private RedisCommands() {
    }

    /** How many times Redis has run this command (lower case, as INFO names it: "hgetall"). */
    static long calls(Jedis redis, String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        return redis.info("commandstats").lines()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length(), line.indexOf(',', prefix.length()))))
                .findFirst().orElse(0);
    }
}
