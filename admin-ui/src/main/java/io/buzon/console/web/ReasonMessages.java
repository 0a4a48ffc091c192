package io.buzon.console.web;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * Refusals the store explains by a stable reason code, read in templates as {@code reason:message(code)}.
 * English in {@code messages/reason_en.properties}, Spanish in {@code reason_es.properties}. A bundle of
 * its own: with Quarkus 3.33 the generated resolver of the msg bundle failed verification (VerifyError)
 * once it passed about 300 keys.
 */
@MessageBundle(value = "reason", locale = "en")
public interface ReasonMessages {

    String DOMAIN_EXISTS();

    String DOMAIN_MISSING();

    String ACCOUNT_EXISTS();

    String QUOTA_NEGATIVE();

    String DISPLAY_NAME_TOO_LONG();

    String DISPLAY_NAME_CONTROL();

    String LOGIN_REQUIRED();

    String LOGIN_FORM();

    String LOCAL_PART_TOO_LONG();

    String LOCAL_PART_CHARACTERS();

    String DOMAIN_NAME_REQUIRED();

    String DOMAIN_NAME_TOO_LONG();

    String DOMAIN_NAME_INVALID();

    String POLICY_LENGTH_RANGE();

    String POLICY_NEGATIVE();

    String POLICY_STRENGTH_RANGE();

    String POLICY_LOCKOUT_TIMES();

    String APP_PASSWORD_NAME();

    String APP_PASSWORD_EXISTS();

    String APP_PASSWORD_LIMIT();

    String ADMIN_USERNAME();

    String ADMIN_ROLE();

    String ADMIN_EXISTS();

    String ADMIN_LAST_SUPER();

    String PASSWORD_CURRENT();

    String PASSWORD_POLICY();

    String TOKEN_NAME();

    String MAILDROP_IN_USE();
}
