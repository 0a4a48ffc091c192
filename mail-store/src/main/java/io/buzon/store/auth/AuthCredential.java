package io.buzon.store.auth;

/** Which secret authenticated a successful login. */
public enum AuthCredential {
    NONE,
    PASSWORD,
    APP_PASSWORD
}
