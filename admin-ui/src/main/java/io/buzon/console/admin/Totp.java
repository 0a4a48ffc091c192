package io.buzon.console.admin;

import dev.samstevens.totp.code.CodeVerifier;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.time.SystemTimeProvider;

import static dev.samstevens.totp.util.Utils.getDataUriForImage;

/** RFC 6238 time-based one-time codes (SHA-1, 6 digits, 30 s) as authenticator apps expect them. */
public final class Totp {

    private static final CodeVerifier VERIFIER = new DefaultCodeVerifier(new DefaultCodeGenerator(), new SystemTimeProvider());

    private Totp() {
    }

    public static String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    public static boolean verify(String secret, String code) {
        if (secret == null || code == null) {
            return false;
        }
        String digits = code.replace(" ", "").trim();
        return digits.matches("\\d{6}") && VERIFIER.isValidCode(secret, digits);
    }

    /** A PNG data URI of a QR code for an otpauth:// URI built elsewhere (the store's, for mailbox users). */
    public static String qrDataUriForUri(String otpauthUri) {
        try {
            com.google.zxing.common.BitMatrix matrix = new com.google.zxing.qrcode.QRCodeWriter()
                    .encode(otpauthUri, com.google.zxing.BarcodeFormat.QR_CODE, 220, 220);
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            com.google.zxing.client.j2se.MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return getDataUriForImage(png.toByteArray(), "image/png");
        } catch (com.google.zxing.WriterException | java.io.IOException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }

    /** A PNG data URI of the otpauth:// QR code to scan with an authenticator app. */
    public static String qrDataUri(String issuer, String label, String secret) {
        QrData data = new QrData.Builder().label(label).secret(secret).issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(30).build();
        try {
            ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
            return getDataUriForImage(generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("QR code generation failed", e);
        }
    }
}
