package interviewlab.statelessvsstateful.app;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Server sessions in this instance's heap: fast, and known to this instance only, until it stops. */
public final class MemorySessions implements Sessions {
    private final Map<String, User> byId = new ConcurrentHashMap<>();

    @Override
    public String login(User user) {
        String id = UUID.randomUUID().toString();
        byId.put(id, user);
        return id;
    }

    @Override
    public Optional<User> lookup(String cookieValue) {
        return Optional.ofNullable(byId.get(cookieValue));
    }

    @Override
    public void logout(String cookieValue) {
        byId.remove(cookieValue);
    }
}
