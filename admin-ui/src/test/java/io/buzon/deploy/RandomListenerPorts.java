package io.buzon.deploy;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The packaged application runs with the prod profile, where the listeners take their standard ports:
 * tests bind random ones so parallel builds on one machine never collide.
 */
public class RandomListenerPorts implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("buzon.pop3.port", "0", "buzon.pop3s.port", "0", "buzon.lmtp.port", "0");
    }
}
