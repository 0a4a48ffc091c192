package io.buzon.pop3.store;

import io.buzon.pop3.backend.AuthResult;
import io.buzon.pop3.backend.ClientInfo;
import io.buzon.pop3.backend.RetentionHint;
import io.buzon.pop3.backend.ScramCredentials;

import java.util.Optional;

/** Password checks and account policies, as POP3 needs them; implemented on the auth module. */
public interface Pop3Credentials {

    AuthResult authenticate(String login, String password, ClientInfo client);

    Optional<ScramCredentials> scramCredentials(String login);

    AuthResult completeScram(String login, boolean proofValid, ClientInfo client);

    RetentionHint retention(long accountId);

    RetentionHint retentionBound();
}
