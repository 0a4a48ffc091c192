package io.buzon.pop3.sasl;

import io.buzon.pop3.backend.ScramCredentials;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/** The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 5). */
public final class ScramSha256Exchange implements SaslExchange {

    private enum Stage { CLIENT_FIRST, CREDENTIALS, CLIENT_FINAL, DONE }

    private final String serverNonce;
    private final Function<String, byte[]> decoySalt;
    private Stage stage = Stage.CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String clientNonce;
    private String login;
    private String serverFirst;
    private ScramCredentials credentials;
    private boolean decoy;

    ScramSha256Exchange(String serverNonce, Function<String, byte[]> decoySalt) {
        this.serverNonce = serverNonce;
        this.decoySalt = decoySalt;
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        return initialResponse == null || initialResponse.length == 0
                ? new SaslStep.Challenge(new byte[0]) : respond(initialResponse);
    }

    @Override
    public SaslStep respond(byte[] response) {
        String message = new String(response, StandardCharsets.UTF_8);
        return switch (stage) {
            case CLIENT_FIRST -> clientFirst(message);
            case CLIENT_FINAL -> clientFinal(message);
            default -> fail("Unexpected SCRAM message");
        };
    }

    /** Continues after the session fetched the login's keys (empty: unknown login or no keys). */
    public SaslStep withCredentials(Optional<ScramCredentials> found) {
        if (stage != Stage.CREDENTIALS) {
            return fail("Unexpected SCRAM state");
        }
        if (found.isPresent()) {
            credentials = found.get();
        } else {
            decoy = true;
            byte[] storedKey = new byte[32];
            new SecureRandom().nextBytes(storedKey);
            credentials = new ScramCredentials(decoySalt.apply(login), ScramSha256Mechanism.DECOY_ITERATIONS,
                    storedKey, storedKey);
        }
        serverFirst = "r=" + clientNonce + serverNonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt())
                + ",i=" + credentials.iterations();
        stage = Stage.CLIENT_FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep clientFirst(String message) {
        // gs2-header: cbind flag, optional authzid, then the bare message.
        int firstComma = message.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : message.indexOf(',', firstComma + 1);
        if (secondComma < 0) {
            return fail("Malformed SCRAM client-first message");
        }
        String cbind = message.substring(0, firstComma);
        if (cbind.startsWith("p=")) {
            return fail("Channel binding is not supported");
        }
        if (!cbind.equals("n") && !cbind.equals("y")) {
            return fail("Malformed SCRAM channel binding flag");
        }
        String authzid = message.substring(firstComma + 1, secondComma);
        gs2Header = message.substring(0, secondComma + 1);
        clientFirstBare = message.substring(secondComma + 1);
        String[] parts = clientFirstBare.split(",", -1);
        if (parts.length < 2 || parts[0].startsWith("m=") || !parts[0].startsWith("n=") || !parts[1].startsWith("r=")) {
            return fail("Malformed SCRAM client-first message");
        }
        String name = decodeSaslName(parts[0].substring(2));
        clientNonce = parts[1].substring(2);
        if (name == null || name.isEmpty() || clientNonce.isEmpty() || !printable(clientNonce)) {
            return fail("Malformed SCRAM user name or nonce");
        }
        if (!authzid.isEmpty() && !(authzid.startsWith("a=") && name.equals(decodeSaslName(authzid.substring(2))))) {
            return fail("Acting as another user is not allowed");
        }
        login = name;
        stage = Stage.CREDENTIALS;
        return new SaslStep.FetchScramCredentials(login);
    }

    private SaslStep clientFinal(String message) {
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            return fail("Malformed SCRAM client-final message");
        }
        String withoutProof = message.substring(0, proofAt);
        String[] parts = withoutProof.split(",", -1);
        if (parts.length < 2 || !parts[0].startsWith("c=") || !parts[1].startsWith("r=")) {
            return fail("Malformed SCRAM client-final message");
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!parts[0].substring(2).equals(expectedBinding)) {
            return fail("SCRAM channel binding data does not match");
        }
        if (!parts[1].substring(2).equals(clientNonce + serverNonce)) {
            return fail("SCRAM nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return fail("SCRAM proof is not base64");
        }
        stage = Stage.DONE;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = hmac(credentials.storedKey(), authMessage);
        boolean valid = false;
        if (proof.length == clientSignature.length) {
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            valid = MessageDigest.isEqual(sha256(clientKey), credentials.storedKey()) && !decoy;
        }
        byte[] serverSignature = hmac(credentials.serverKey(), authMessage);
        byte[] serverFinal = ("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8);
        return new SaslStep.ScramChecked(login, valid, serverFinal);
    }

    private SaslStep fail(String reason) {
        stage = Stage.DONE;
        return new SaslStep.Failed(reason);
    }

    /** RFC 5802 saslname: "=2C" is a comma, "=3D" an equals sign, any other "=" is an error. */
    static String decodeSaslName(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',') {
                return null;
            }
            if (c == '=') {
                if (value.startsWith("=2C", i)) {
                    out.append(',');
                } else if (value.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean printable(String nonce) {
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
